"""Block Kit for scores: the questionnaire modal, results, explanations, the ranking, asks and DMs."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.views.blocks import build_reply_blocks, context, header, section, sections_from_lines
from bot.views.format import clip, day, escape, person
from bot.views.paging import page_blocks
from commands.replies import (
    AskSent,
    AskStatus,
    Ranking,
    ScoreExplanation,
    ScoreForm,
    ScoreInvitation,
    ScoreQuestion,
    ScoreRecorded,
    ScoreSummary,
)

CALLBACK_ID = "partner_score"
OPEN_QUESTIONNAIRE = "score_open_questionnaire"
QUESTION_PREFIX = "q_"
VALUE = "value"
ANSWER_LABELS = {5: "5 — excellent", 4: "4 — good", 3: "3 — adequate", 2: "2 — weak", 1: "1 — poor"}


def points(score: float) -> str:
    return f"{score:.0f}"


def trend(summary: ScoreSummary) -> str:
    if summary.previous is None:
        return "first score"
    delta = summary.score - summary.previous
    if abs(delta) < 0.5:
        return f"unchanged from {points(summary.previous)}"
    return f"{'▲' if delta > 0 else '▼'}{abs(delta):.0f} from {points(summary.previous)}"


def score_lines(summary: ScoreSummary) -> list[str]:
    raters = "1 rater" if summary.raters == 1 else f"{summary.raters} raters"
    strongest = ", ".join(f"{escape(title)} ({mean:.1f})" for title, mean in summary.strongest)
    weakest = ", ".join(f"{escape(title)} ({mean:.1f})" for title, mean in summary.weakest)
    return [
        f"*Score:* {points(summary.score)}/100 · {raters} · {trend(summary)}",
        f"Strongest: {strongest} · Weakest: {weakest}",
    ]


def build_score_modal(form: ScoreForm, *, metadata: dict[str, str]) -> View:
    blocks: list[Block] = []
    options = [Option(value=str(answer), label=label) for answer, label in ANSWER_LABELS.items()]
    for question in form.questions:
        initial = next((o for o in options if o.value == str(question.answer)), None)
        blocks.append(
            InputBlock(
                block_id=QUESTION_PREFIX + question.key,
                label=clip(question.title, 2000),
                hint=clip(question.help, 2000),
                element=StaticSelectElement(
                    action_id=VALUE, placeholder="1–5", options=options, initial_option=initial
                ),
            )
        )
    if form.page + 1 == form.pages:
        blocks.append(
            InputBlock(
                block_id="comment",
                label="Comment",
                optional=True,
                element=PlainTextInputElement(
                    action_id=VALUE, multiline=True, max_length=1000, initial_value=form.comment or None
                ),
            )
        )
    page = f" ({form.page + 1}/{form.pages})" if form.pages > 1 else ""
    state = {
        **metadata,
        "partner": form.partner,
        "version": form.scorecard_version,
        "page": form.page,
        "pages": form.pages,
        "carried": dict(form.carried),
        "comment": form.comment,
    }
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=clip(f"Score{page}", 24),
        submit="Next" if form.page + 1 < form.pages else "Submit",
        close="Cancel",
        private_metadata=json.dumps(state, ensure_ascii=False),
        blocks=[context(f"Questionnaire for *{escape(form.partner)}*: 1 = poor, 5 = excellent."), *blocks],
    )


def read_score_form(view: dict[str, Any]) -> tuple[ScoreForm, dict[str, str | None]]:
    """The submitted page as the form it was (from private_metadata) and its answers by criterion key."""
    state = json.loads(view.get("private_metadata") or "{}")
    values: dict[str, str | None] = {}
    keys = []
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        action = actions.get(VALUE, {})
        raw = (action.get("selected_option") or {}).get("value") if "selected_option" in action else action.get("value")
        if block_id.startswith(QUESTION_PREFIX):
            keys.append(block_id.removeprefix(QUESTION_PREFIX))
            values[block_id.removeprefix(QUESTION_PREFIX)] = raw
        else:
            values[block_id] = raw
    form = ScoreForm(
        partner=str(state.get("partner", "")),
        scorecard_version=int(state.get("version", 0)),
        questions=tuple(ScoreQuestion(key, key, "") for key in keys),
        page=int(state.get("page", 0)),
        pages=int(state.get("pages", 1)),
        carried=tuple((str(k), int(v)) for k, v in (state.get("carried") or {}).items()),
        comment=state.get("comment"),
    )
    return form, values


def error_block_ids(errors: dict[str, str], form: ScoreForm) -> dict[str, str]:
    """Errors keyed by criterion become errors on the matching input blocks."""
    keys = {question.key for question in form.questions}
    return {(QUESTION_PREFIX + key if key in keys else key): message for key, message in errors.items()}


@build_reply_blocks.register
def _recorded(body: ScoreRecorded) -> list[Block]:
    return [
        section(f":memo: Thanks! Your answers give *{escape(body.partner)}* {points(body.rater_score)}/100."),
        section("\n".join(score_lines(body.summary))),
    ]


@build_reply_blocks.register
def _explanation(body: ScoreExplanation) -> list[Block]:
    rows = [f"{'Criterion':<34}{'weight':>7}{'avg':>5}{'points':>8}  last change"]
    for row in body.rows:
        change = f"{row.change[0]}→{row.change[1]} ({person(row.change[2])})" if row.change else ""
        rows.append(
            f"{clip(escape(row.title), 33):<34}{row.weight_share * 100:>6.0f}%{row.mean_answer:>5.1f}"
            f"{row.points:>8.1f}  {change}"
        )
    raters = " · ".join(f"{person(rater)} {points(score)}" for rater, score in body.per_rater)
    return [
        header(f"Why {body.partner} scores {points(body.summary.score)}"),
        section("```\n" + "\n".join(rows) + "\n```"),
        context(f"Points add up to the score: weight × (average − 1) / 4 × 100. Raters: {raters}"),
    ]


def movement(move: int | None) -> str:
    if move is None:
        return "new"
    return "▲" + str(move) if move > 0 else "▼" + str(-move) if move < 0 else "="


@build_reply_blocks.register
def _ranking(body: Ranking) -> list[Block]:
    title = f"Ranking: {body.scope}" if body.scope else "Ranking"
    if not body.rows:
        return [
            section(
                f"No scored partners{' in ' + escape(body.scope) if body.scope else ''} yet: "
                "`/partner score NAME` or `/partner ask NAME @lead`."
            )
        ]
    lines = []
    for row in body.rows[:50]:
        reason = ""
        if row.reason:
            criterion, before, after, rater = row.reason
            reason = f" — {movement(row.movement)}: {escape(criterion.lower())} {before}→{after} ({person(rater)})"
        lines.append(
            f"{row.place}. *{escape(row.partner)}* {points(row.score)} "
            f"({row.raters} rater{'s' if row.raters != 1 else ''}) {movement(row.movement)}{reason}"
        )
    blocks: list[Block] = [header(title), *sections_from_lines(lines)]
    note = "▲▼ places since last week."
    if body.unscored:
        note += f" {body.unscored} partner(s) have no score yet."
    blocks.append(context(note))
    return blocks + page_blocks(body.page)


@build_reply_blocks.register
def _asked(body: AskSent) -> list[Block]:
    lines = []
    if body.asked:
        lines.append(
            f":incoming_envelope: Asked {', '.join(person(lead) for lead in body.asked)} "
            f"to score *{escape(body.partner)}*; they have a DM with the questionnaire."
        )
    if body.already_waiting:
        lines.append(f"Already waiting for {', '.join(person(lead) for lead in body.already_waiting)}.")
    return [section("\n".join(lines)), context(f"`/partner ask {escape(body.partner)}` shows who has answered.")]


@build_reply_blocks.register
def _status(body: AskStatus) -> list[Block]:
    if not body.requests:
        return [
            section(
                f"Nobody has been asked to score *{escape(body.partner)}* yet: "
                f"`/partner ask {escape(body.partner)} @lead`."
            )
        ]
    lines = []
    for request in body.requests:
        if request.answered_at:
            state = f":white_check_mark: answered {day(request.answered_at.date())}"
        else:
            reminded = f", reminded {day(request.reminded_at.date())}" if request.reminded_at else ""
            state = f":hourglass: waiting since {day(request.asked_at.date())}{reminded}"
        lines.append(f"{person(request.lead)} — {state}")
    return [section(f"*Questionnaire for {escape(body.partner)}*"), *sections_from_lines(lines)]


@build_reply_blocks.register
def _invitation(body: ScoreInvitation) -> list[Block]:
    if body.reminder:
        text = (
            f":wave: A reminder: {person(body.asked_by)} asked you to score *{escape(body.partner)}*. "
            "It takes a few minutes."
        )
    else:
        text = (
            f":wave: {person(body.asked_by)} asks you to score *{escape(body.partner)}* as a partner: "
            f"{body.criteria} questions, each 1–5, and an optional comment. "
            "Your answers are combined with other leads' into the partner's score."
        )
    button = ButtonElement(
        text="Answer questionnaire", action_id=OPEN_QUESTIONNAIRE, value=body.partner[:2000], style="primary"
    )
    return [section(text), ActionsBlock(elements=[button])]
