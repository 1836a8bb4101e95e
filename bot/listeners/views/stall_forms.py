"""Submitting the stall alert's modals: move the partner, or snooze the alert; then update the alert."""

from __future__ import annotations

import json
from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.database_trouble import apology
from bot.listeners.invocations import interaction_invocation
from bot.views.format import day, escape, person
from bot.views.stall_blocks import updated_alert_blocks
from bot.views.text import blocks_to_mrkdwn
from commands.parse import Advance
from commands.registry import advance
from commands.replies import StageMoved
from commands.stalls import snooze
from domain.errors import PartnerbotError

ALERT_UPDATE = "alert_update"


def _state(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    view = body["view"]
    values = {block: actions.get("value", {}) for block, actions in view.get("state", {}).get("values", {}).items()}
    return json.loads(view.get("private_metadata") or "{}"), values


def submit_advance(ack: Ack, body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    metadata, values = _state(body)
    stage = (values.get("stage", {}).get("selected_option") or {}).get("value")
    note = (values.get("note", {}).get("value") or "").strip() or None
    if not stage:
        ack(response_action="errors", errors={"stage": "Choose a stage."})
        return
    try:
        invocation = interaction_invocation(body, context)
        reply = advance(Advance(metadata.get("partner", ""), stage, note), invocation)
    except PartnerbotError as error:
        ack(response_action="errors", errors={"stage": error.message})
        return
    except Exception as error:
        logger.exception("advancing from a stall alert failed")
        ack(response_action="errors", errors={"stage": apology(error)})
        return
    moved = reply.body
    assert isinstance(moved, StageMoved)
    outcome = f":arrow_forward: Moved to {escape(moved.to_stage)} by {person(invocation.user_id)}"
    context[ALERT_UPDATE] = (metadata, outcome)
    ack()


def submit_snooze(ack: Ack, body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    metadata, values = _state(body)
    reason = values.get("reason", {}).get("value")
    try:
        invocation = interaction_invocation(body, context)
        alert, _ = snooze(invocation, int(metadata.get("alert", 0)), reason)
    except PartnerbotError as error:
        ack(response_action="errors", errors={"reason": error.message})
        return
    except Exception as error:
        logger.exception("snoozing a stall alert failed")
        ack(response_action="errors", errors={"reason": apology(error)})
        return
    assert alert.snoozed_until is not None
    until = day(alert.snoozed_until.astimezone(invocation.timezone).date())
    why = f" — {escape(alert.snooze_reason)}" if alert.snooze_reason else ""
    context[ALERT_UPDATE] = (metadata, f":zzz: Snoozed by {person(invocation.user_id)} until {until}{why}")
    ack()


def update_alert(client: WebClient, context: BoltContext, logger: Logger) -> None:
    """Replaces the alert's buttons with what was done, in the original message."""
    update = context.get(ALERT_UPDATE)
    if update is None:
        return
    metadata, outcome = update
    if not metadata.get("channel") or not metadata.get("ts"):
        return
    blocks = [block.to_dict() for block in updated_alert_blocks(metadata.get("text", ""), outcome)]
    try:
        client.chat_update(
            channel=metadata["channel"], ts=metadata["ts"], blocks=blocks, text=blocks_to_mrkdwn(blocks)[:3000]
        )
    except Exception:
        logger.exception("could not update the stall alert")
