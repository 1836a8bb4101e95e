"""Block Kit for stalled partners: the list, the reasons, and the forms opened from an alert or a summary line.

Single alerts with Advance… / Snooze / Open buttons are no longer posted (the daily summary replaced them);
their buttons still work on the alerts already in channels."""

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

from bot.views.blocks import build_reply_blocks, context, section, sections_from_lines
from bot.views.format import clip, day, days, escape, person
from bot.views.paging import page_blocks
from commands.replies import (
    AlertMessage,
    StallAdvanceForm,
    StallAlertActedOn,
    StalledList,
    StalledPartner,
    StallReasons,
    StallSnoozeForm,
)
from domain.language import tr, trn

ADVANCE_ACTION = "stall_advance"
SNOOZE_ACTION = "stall_snooze"
OPEN_ACTION = "stall_open"
ADVANCE_CALLBACK = "stall_advance_form"
SNOOZE_CALLBACK = "stall_snooze_form"
VALUE = "value"


def stall_line(stalled: StalledPartner) -> str:
    owner = tr(" · owner {who}", who=person(stalled.owner)) if stalled.owner else ""
    line = tr(
        "*{partner}* — {days} in {stage} (stalls after {threshold}){owner} · {activity}",
        partner=escape(stalled.partner),
        days=days(stalled.days),
        stage=escape(stalled.stage),
        threshold=stalled.threshold,
        owner=owner,
        activity=escape(stalled.last_activity),
    )
    if stalled.snoozed_until:
        reason = f" — {escape(stalled.snooze_reason)}" if stalled.snooze_reason else ""
        snoozed = tr(
            ":zzz: snoozed by {who} until {until}{reason}",
            who=person(stalled.snoozed_by),
            until=day(stalled.snoozed_until),
            reason=reason,
        )
        line += "\n      " + snoozed
    return line


@build_reply_blocks.register
def _stalled_list(body: StalledList) -> list[Block]:
    thresholds = " · ".join(
        escape(name) + " " + (tr("{days} d", days=d) if d else tr("never")) for name, d in body.thresholds
    )
    if not body.partners:
        return [
            section(tr(":tada: No stalled partners.")),
            context(tr("Thresholds: {thresholds}", thresholds=thresholds)),
        ]
    lines = [f"• {stall_line(stalled)}" for stalled in body.partners]
    total = body.total if body.total is not None else len(body.partners)
    return [
        section(
            trn(
                ":hourglass: *{count} stalled partner(s)*, most overdue first",
                ":hourglass: *{count} stalled partner(s)*, most overdue first",
                total,
            )
        ),
        *sections_from_lines(lines)[:45],
        context(tr("Thresholds: {thresholds}. `/partner stalled set STAGE DAYS` changes one.", thresholds=thresholds)),
        *page_blocks(body.page),
    ]


@build_reply_blocks.register
def _reasons(body: StallReasons) -> list[Block]:
    if not body.by_stage:
        return [section(tr("No stall alerts yet, so no reasons to summarise."))]
    stages = " · ".join(f"{escape(stage)} {count}" for stage, count in body.by_stage)
    reasons = "\n".join(f"• {escape(reason)} ({count})" for reason, count in body.reasons) or tr("_No reasons given._")
    return [
        section(tr("*Why partners get stuck*") + "\n" + reasons),
        context(
            trn(
                "Stall alerts by stage: {stages} · snoozed {count} time(s)",
                "Stall alerts by stage: {stages} · snoozed {count} time(s)",
                body.snoozes,
                stages=stages,
            )
        ),
    ]


def read_alert_message(body: dict[str, Any]) -> AlertMessage:
    """The alert a button was clicked on: its id (the button's value), where it is, and its text as posted."""
    container = body.get("container", {})
    blocks = body.get("message", {}).get("blocks") or [{}]
    return AlertMessage(
        alert_id=int(body["actions"][0]["value"]),
        channel=container.get("channel_id") or body.get("channel", {}).get("id"),
        ts=container.get("message_ts") or body.get("message", {}).get("ts"),
        posted_text=(blocks[0].get("text") or {}).get("text", "")[:2000],
    )


def alert_from_metadata(metadata: dict[str, Any]) -> AlertMessage:
    """The alert a submitted form was opened from, as its private metadata carries it."""
    return AlertMessage(
        int(metadata.get("alert") or 0), metadata.get("channel"), metadata.get("ts"), metadata.get("text", "")
    )


def _alert_modal(
    callback_id: str, title: str, submit: str, form: StallAdvanceForm | StallSnoozeForm, blocks: list[Block]
) -> View:
    """A modal opened from an alert; its metadata carries the partner and the alert's id, channel, ts and text back."""
    alert = form.alert
    metadata = {"alert": alert.alert_id, "channel": alert.channel, "ts": alert.ts, "text": alert.posted_text}
    return View(
        type="modal",
        callback_id=callback_id,
        title=title,
        submit=submit,
        close=tr("Cancel"),
        private_metadata=json.dumps({**metadata, "partner": form.partner}),
        blocks=blocks,
    )


def build_advance_modal(form: StallAdvanceForm) -> View:
    """A stage picker and an optional note, for the alert's "Advance…" button."""
    options = [Option(value=stage.value, label=stage.label) for stage in form.stages]
    return _alert_modal(
        ADVANCE_CALLBACK,
        tr("Advance partner"),
        tr("Move"),
        form,
        [
            section(tr("Move *{partner}* to:", partner=escape(form.partner))),
            InputBlock(
                block_id="stage",
                label=tr("Stage"),
                element=StaticSelectElement(action_id=VALUE, placeholder=tr("Choose a stage"), options=options),
            ),
            InputBlock(
                block_id="note",
                label=tr("Note"),
                optional=True,
                element=PlainTextInputElement(action_id=VALUE, max_length=1000),
            ),
        ],
    )


def build_snooze_modal(form: StallSnoozeForm) -> View:
    return _alert_modal(
        SNOOZE_CALLBACK,
        tr("Snooze 7 days"),
        tr("Snooze"),
        form,
        [
            section(
                tr("No alerts about *{partner}* for 7 days. Why is it waiting?", partner=escape(clip(form.partner, 80)))
            ),
            InputBlock(
                block_id="reason",
                label=tr("Reason (optional)"),
                optional=True,
                hint=tr("e.g. waiting for legal; the reasons are summarised by /partner stalled reasons"),
                element=PlainTextInputElement(action_id=VALUE, max_length=300),
            ),
        ],
    )


@build_reply_blocks.register
def build_acted_on_alert(body: StallAlertActedOn) -> list[Block]:
    """The alert as first posted (its text is already Slack markup), its buttons replaced by what was done."""
    if body.moved_to is not None:
        outcome = tr(":arrow_forward: Moved to {stage} by {who}", stage=escape(body.moved_to), who=person(body.by))
    else:
        until = day(body.snoozed_until) if body.snoozed_until else "?"
        why = f" — {escape(body.snooze_reason)}" if body.snooze_reason else ""
        outcome = tr(":zzz: Snoozed by {who} until {until}{reason}", who=person(body.by), until=until, reason=why)
    return [section(body.posted_text), context(outcome)]
