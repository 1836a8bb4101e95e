"""Block Kit for stalled partners: the list, the reasons, the alert with its buttons, and its modals."""

from __future__ import annotations

import json

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

from bot.views.blocks import build_reply_blocks, context, section, sections_from_lines
from bot.views.format import clip, day, days, escape, person
from bot.views.paging import page_blocks
from commands.replies import StallAlertMessage, StalledList, StalledPartner, StallReasons

ADVANCE_ACTION = "stall_advance"
SNOOZE_ACTION = "stall_snooze"
OPEN_ACTION = "stall_open"
ADVANCE_CALLBACK = "stall_advance_form"
SNOOZE_CALLBACK = "stall_snooze_form"
VALUE = "value"


def stall_line(stalled: StalledPartner) -> str:
    owner = f" · owner {person(stalled.owner)}" if stalled.owner else ""
    line = (
        f"*{escape(stalled.partner)}* — {days(stalled.days)} in {escape(stalled.stage)} "
        f"(stalls after {stalled.threshold}){owner} · {escape(stalled.last_activity)}"
    )
    if stalled.snoozed_until:
        reason = f" — {escape(stalled.snooze_reason)}" if stalled.snooze_reason else ""
        line += f"\n      :zzz: snoozed by {person(stalled.snoozed_by)} until {day(stalled.snoozed_until)}{reason}"
    return line


@build_reply_blocks.register
def _stalled_list(body: StalledList) -> list[Block]:
    thresholds = " · ".join(f"{escape(name)} {f'{d} d' if d else 'never'}" for name, d in body.thresholds)
    if not body.partners:
        return [section(":tada: No stalled partners."), context(f"Thresholds: {thresholds}")]
    lines = [f"• {stall_line(stalled)}" for stalled in body.partners]
    total = body.total if body.total is not None else len(body.partners)
    return [
        section(f":hourglass: *{total} stalled partner(s)*, most overdue first"),
        *sections_from_lines(lines)[:45],
        context(f"Thresholds: {thresholds}. `/partner stalled set STAGE DAYS` changes one."),
        *page_blocks(body.page),
    ]


@build_reply_blocks.register
def _reasons(body: StallReasons) -> list[Block]:
    if not body.by_stage:
        return [section("No stall alerts yet, so no reasons to summarise.")]
    stages = " · ".join(f"{escape(stage)} {count}" for stage, count in body.by_stage)
    reasons = "\n".join(f"• {escape(reason)} ({count})" for reason, count in body.reasons) or "_No reasons given._"
    return [
        section(f"*Why partners get stuck*\n{reasons}"),
        context(f"Stall alerts by stage: {stages} · snoozed {body.snoozes} time(s)"),
    ]


@build_reply_blocks.register
def build_alert_blocks(body: StallAlertMessage) -> list[Block]:
    stalled = body.stalled
    owner = f" {person(stalled.owner)}" if stalled.owner else ""
    text = (
        f":hourglass:{owner} *{escape(stalled.partner)}* has been in *{escape(stalled.stage)}* for "
        f"{days(stalled.days)} (it stalls after {stalled.threshold}); {escape(stalled.last_activity)}."
    )
    blocks: list[Block] = [section(text)]
    if body.outcome:
        blocks.append(context(body.outcome))
        return blocks
    value = str(stalled.alert_id)
    blocks.append(
        ActionsBlock(
            block_id="stall_actions",
            elements=[
                ButtonElement(text="Advance…", action_id=ADVANCE_ACTION, value=value, style="primary"),
                ButtonElement(text="Snooze 7 days", action_id=SNOOZE_ACTION, value=value),
                ButtonElement(text="Open", action_id=OPEN_ACTION, value=value),
            ],
        )
    )
    return blocks


def _alert_modal(callback_id: str, title: str, submit: str, metadata: dict[str, object], blocks: list[Block]) -> View:
    """A modal opened from an alert; `metadata` carries the alert's id, channel, ts and text back."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=title,
        submit=submit,
        close="Cancel",
        private_metadata=json.dumps(metadata),
        blocks=blocks,
    )


def build_advance_modal(partner: str, stages: list[tuple[str, str]], metadata: dict[str, object]) -> View:
    """A stage picker and an optional note, for the alert's "Advance…" button."""
    options = [Option(value=key, label=name) for key, name in stages]
    return _alert_modal(
        ADVANCE_CALLBACK,
        "Advance partner",
        "Move",
        metadata,
        [
            section(f"Move *{escape(partner)}* to:"),
            InputBlock(
                block_id="stage",
                label="Stage",
                element=StaticSelectElement(action_id=VALUE, placeholder="Choose a stage", options=options),
            ),
            InputBlock(
                block_id="note",
                label="Note",
                optional=True,
                element=PlainTextInputElement(action_id=VALUE, max_length=1000),
            ),
        ],
    )


def build_snooze_modal(partner: str, metadata: dict[str, object]) -> View:
    return _alert_modal(
        SNOOZE_CALLBACK,
        "Snooze 7 days",
        "Snooze",
        metadata,
        [
            section(f"No alerts about *{escape(clip(partner, 80))}* for 7 days. Why is it waiting?"),
            InputBlock(
                block_id="reason",
                label="Reason (optional)",
                optional=True,
                hint="e.g. waiting for legal; the reasons are summarised by /partner stalled reasons",
                element=PlainTextInputElement(action_id=VALUE, max_length=300),
            ),
        ],
    )


def updated_alert_blocks(original_text: str, outcome: str) -> list[Block]:
    """The alert as first posted (its text is already escaped), its buttons replaced by what was done."""
    return [section(original_text), context(outcome)]
