"""Block Kit for the questionnaire: its modal and the submitted state read back, the result, the explanation."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.views.blocks import build_reply_blocks, context, header, section
from bot.views.format import clip, escape, person
from bot.views.numbers import decimal_one, whole
from bot.views.scoring.summary import points, score_lines
from commands.replies import (
    ScoreExplanation,
    ScoreForm,
    ScoreQuestion,
    ScoreRecorded,
)
from domain.language import N_, tr

CALLBACK_ID = "partner_score"
OPEN_QUESTIONNAIRE = "score_open_questionnaire"
QUESTION_PREFIX = "q_"
VALUE = "value"
ANSWER_LABELS = {
    5: N_("5 — excellent"),
    4: N_("4 — good"),
    3: N_("3 — adequate"),
    2: N_("2 — weak"),
    1: N_("1 — poor"),
}


def build_score_modal(form: ScoreForm, *, metadata: dict[str, str]) -> View:
    blocks: list[Block] = []
    options = [Option(value=str(answer), label=tr(label)) for answer, label in ANSWER_LABELS.items()]
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
                label=tr("Comment"),
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
        title=clip(tr("Score{page}", page=page), 24),
        submit=tr("Next") if form.page + 1 < form.pages else tr("Submit"),
        close=tr("Cancel"),
        private_metadata=json.dumps(state, ensure_ascii=False),
        blocks=[
            context(tr("Questionnaire for *{partner}*: 1 = poor, 5 = excellent.", partner=escape(form.partner))),
            *blocks,
        ],
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
    carried = state.get("carried") if isinstance(state.get("carried"), dict) else {}
    form = ScoreForm(
        partner=str(state.get("partner", "")),
        scorecard_version=_number(state.get("version"), 0),
        questions=tuple(ScoreQuestion(key, key, "") for key in keys),
        page=_number(state.get("page"), 0),
        pages=_number(state.get("pages"), 1),
        carried=tuple((str(key), _number(value, 0)) for key, value in carried.items()),
        comment=state.get("comment") if isinstance(state.get("comment"), str) else None,
    )
    return form, values


def _number(value: object, default: int) -> int:
    """An integer as this app stored it; anything else becomes `default` (0 is never a valid answer)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def error_block_ids(errors: dict[str, str], form: ScoreForm) -> dict[str, str]:
    """Errors keyed by criterion become errors on the matching input blocks."""
    keys = {question.key for question in form.questions}
    return {(QUESTION_PREFIX + key if key in keys else key): message for key, message in errors.items()}


@build_reply_blocks.register
def _recorded(body: ScoreRecorded) -> list[Block]:
    return [
        section(
            tr(
                ":memo: Thanks! Your answers give *{partner}* {points}/100.",
                partner=escape(body.partner),
                points=points(body.rater_score),
            )
        ),
        section("\n".join(score_lines(body.summary))),
    ]


@build_reply_blocks.register
def _explanation(body: ScoreExplanation) -> list[Block]:
    columns = (tr("Criterion"), tr("weight"), tr("avg"), tr("points"), tr("last change"))
    rows = [f"{columns[0]:<34}{columns[1]:>7}{columns[2]:>5}{columns[3]:>8}  {columns[4]}"]
    for row in body.rows:
        change = f"{row.change[0]}→{row.change[1]} ({person(row.change[2])})" if row.change else ""
        rows.append(
            f"{clip(escape(row.title), 33):<34}{whole(row.weight_share * 100):>6}%{decimal_one(row.mean_answer):>5}"
            f"{decimal_one(row.points):>8}  {change}"
        )
    raters = " · ".join(f"{person(rater)} {points(score)}" for rater, score in body.per_rater)
    return [
        header(tr("Why {partner} scores {points}", partner=body.partner, points=points(body.summary.score))),
        section("```\n" + "\n".join(rows) + "\n```"),
        context(tr("Points add up to the score: weight × (average − 1) / 4 × 100. Raters: {raters}", raters=raters)),
    ]
