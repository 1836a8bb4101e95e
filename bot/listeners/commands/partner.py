"""`/partner …`: ack at once, then run the command in a lazy listener and deliver its reply."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.delivery import answer
from bot.services import Services
from commands.verbs import handle


def acknowledge(ack: Ack) -> None:
    ack()


def run_partner_command(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    services: Services = context["services"]
    text = body.get("text", "")
    invocation = services.invocation(
        team_id=context.team_id or body["team_id"], user_id=body["user_id"], channel_id=body.get("channel_id")
    )
    answer(
        lambda: handle(text, invocation),
        client=client,
        user_id=body["user_id"],
        logger=logger,
        what=f"/partner {text!r}",
        response_url=body.get("response_url"),
        trigger_id=body.get("trigger_id"),
        channel_id=body.get("channel_id"),
        invocation=invocation,
    )
