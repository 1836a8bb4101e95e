"""Block Kit for recorded feedback, the feedback part of a partner card, and the feedback modal."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticMultiSelectElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.views.blocks import build_reply_blocks, context, section
from bot.views.format import clip, day, escape, person
from bot.views.numbers import decimal_one
from commands.replies import FeedbackForm, FeedbackRecorded, FeedbackSummary
from domain.language import N_, tr, trn

CALLBACK_ID = "partner_feedback"
VALUE = "value"
CSAT_LABELS = {1: N_("1 — very unhappy"), 2: "2", 3: N_("3 — neutral"), 4: "4", 5: N_("5 — very happy")}


def scores(csat: int | None, nps: int | None, nps_class: str | None = None) -> str:
    parts = []
    if csat is not None:
        parts.append(f"CSAT {csat}/5")
    if nps is not None:
        parts.append(f"NPS {nps}" + (f" ({nps_class})" if nps_class else ""))
    return " · ".join(parts)


def pains(counts: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{escape(point)} ({count})" for point, count in counts)


def feedback_lines(summary: FeedbackSummary) -> list[str]:
    """The card's feedback section: the latest answer, then the averages."""
    latest = scores(summary.latest_csat, summary.latest_nps)
    text = tr(" — “{text}”", text=escape(clip(summary.latest_text, 300))) if summary.latest_text else ""
    lines = [
        tr(
            "*Latest feedback* ({day}, in {stage}, by {who}): {scores}{text}",
            day=day(summary.latest_when.date()),
            stage=escape(summary.latest_stage),
            who=person(summary.latest_by),
            scores=latest or tr("no scores"),
            text=text,
        )
    ]
    overall = [trn("{count} answer", "{count} answers", summary.responses)]
    if summary.average_csat is not None:
        overall.append(tr("average CSAT {csat}", csat=decimal_one(summary.average_csat)))
    if summary.nps_class:
        overall.append(f"NPS: {summary.nps_class}")
    if summary.top_pain_points:
        overall.append(tr("top pain points: {pains}", pains=pains(summary.top_pain_points)))
    lines.append(" · ".join(overall))
    return lines


@build_reply_blocks.register
def _recorded(body: FeedbackRecorded) -> list[Block]:
    details = [scores(body.csat, body.nps, body.summary.nps_class if body.nps is not None else None)]
    if body.pain_points:
        details.append(tr("pain points: {pains}", pains=", ".join(escape(point) for point in body.pain_points)))
    text = f"\n> {escape(clip(body.text, 1000))}" if body.text else ""
    headline = tr(
        ":speech_balloon: Feedback from *{partner}* (in {stage}): {details}",
        partner=escape(body.partner),
        stage=escape(body.stage),
        details=" · ".join(filter(None, details)) or tr("comment"),
    )
    summary = [trn("{count} answer so far", "{count} answers so far", body.summary.responses)]
    if body.summary.average_csat is not None:
        summary.append(tr("average CSAT {csat}", csat=decimal_one(body.summary.average_csat)))
    if body.summary.top_pain_points:
        summary.append(tr("top pain points: {pains}", pains=pains(body.summary.top_pain_points)))
    return [
        section(headline + text),
        context(" · ".join(summary)),
    ]


def _choice(block_id: str, label: str, options: list[Option], *, multi: bool = False) -> InputBlock:
    element_type = StaticMultiSelectElement if multi else StaticSelectElement
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=True,
        element=element_type(action_id=VALUE, placeholder=tr("Choose"), options=options),
    )


def build_feedback_modal(form: FeedbackForm, *, metadata: dict[str, str]) -> View:
    """Scores as choices (so they cannot be out of range), pain points as a multi-select, free text."""
    blocks: list[Block] = [
        _choice(
            "csat", tr("Satisfaction (CSAT)"), [Option(value=str(n), label=tr(CSAT_LABELS[n])) for n in range(1, 6)]
        ),
        _choice(
            "nps", tr("Would they recommend us? (NPS, 0–10)"), [Option(value=str(n), label=str(n)) for n in range(11)]
        ),
        _choice(
            "pain_points",
            tr("Pain points"),
            [Option(value=c.value, label=c.label) for c in form.pain_points],
            multi=True,
        ),
        InputBlock(
            block_id="other_pain",
            label=tr("Other pain point"),
            optional=True,
            hint=tr("Only when you picked “Other”."),
            element=PlainTextInputElement(action_id=VALUE, max_length=200),
        ),
        InputBlock(
            block_id="text",
            label=tr("What did they say?"),
            optional=True,
            element=PlainTextInputElement(action_id=VALUE, multiline=True, max_length=2000),
        ),
    ]
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=clip(tr("Feedback: {partner}", partner=form.partner), 24),
        submit=tr("Save"),
        close=tr("Cancel"),
        private_metadata=json.dumps({**metadata, "partner": form.partner}),
        blocks=blocks,
    )
