"""The buttons on a stall alert: Advance… and Snooze open a modal; Open shows the partner card."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.database_trouble import apology, tell_user
from bot.delivery import deliver
from bot.listeners.invocations import interaction_invocation
from bot.views.stall_blocks import build_advance_modal, build_snooze_modal
from commands.parse import Show
from commands.registry import show
from commands.replies import Reply
from commands.stalls import alert_partner
from domain.errors import PartnerbotError


def alert_context(body: dict[str, Any]) -> dict[str, object]:
    """Where the alert is and what it says, carried through the modal so the alert can be updated."""
    container = body.get("container", {})
    blocks = body.get("message", {}).get("blocks") or [{}]
    return {
        "alert": int(body["actions"][0]["value"]),
        "channel": container.get("channel_id") or body.get("channel", {}).get("id"),
        "ts": container.get("message_ts") or body.get("message", {}).get("ts"),
        "text": (blocks[0].get("text") or {}).get("text", "")[:2000],
    }


def _open(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, *, advance: bool) -> None:
    metadata = alert_context(body)
    try:
        invocation = interaction_invocation(body, context)
        _, partner = alert_partner(invocation, int(metadata["alert"]))  # type: ignore[arg-type]
    except PartnerbotError as error:
        deliver(
            Reply.error(error.message), client=client, user_id=body["user"]["id"], response_url=body.get("response_url")
        )
        return
    except Exception as error:
        logger.exception("could not read the stall alert")
        tell_user(apology(error), client=client, user_id=body["user"]["id"], response_url=body.get("response_url"))
        return
    metadata["partner"] = partner
    stages = [(stage.key, stage.name) for stage in invocation.journey.stages]
    view = build_advance_modal(partner, stages, metadata) if advance else build_snooze_modal(partner, metadata)
    try:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except Exception:
        logger.exception("could not open the %s form", "advance" if advance else "snooze")


def open_advance_form(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    _open(body, client, context, logger, advance=True)


def open_snooze_form(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    _open(body, client, context, logger, advance=False)


def show_partner_card(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    try:
        try:
            invocation = interaction_invocation(body, context)
            _, partner = alert_partner(invocation, int(body["actions"][0]["value"]))
            reply = show(Show(partner), invocation)
        except PartnerbotError as error:
            reply = Reply.error(error.message)
        deliver(reply, client=client, user_id=body["user"]["id"], response_url=body.get("response_url"))
    except Exception as error:
        logger.exception("could not show the partner card from an alert")
        tell_user(apology(error), client=client, user_id=body["user"]["id"], response_url=body.get("response_url"))
