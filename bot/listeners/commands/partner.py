"""`/partner …`: ack at once, then run the command in a lazy listener and deliver its reply."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.channel_check import membership_hint
from bot.delivery import SORRY, deliver
from bot.services import Services
from commands.replies import DigestSettingsView
from commands.verbs import handle


def acknowledge(ack: Ack) -> None:
    ack()


def run_partner_command(
    body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext, logger: Logger
) -> None:
    services: Services = context["services"]
    text = body.get("text", "")
    invocation = services.invocation(
        team_id=context.team_id or body["team_id"], user_id=body["user_id"], channel_id=body.get("channel_id")
    )
    try:
        reply = handle(text, invocation)
        deliver(
            reply,
            client=client,
            user_id=body["user_id"],
            response_url=body.get("response_url"),
            trigger_id=body.get("trigger_id"),
            channel_id=body.get("channel_id"),
            invocation=invocation,
        )
        if isinstance(reply.body, DigestSettingsView) and reply.body.changed and reply.body.channel_id:
            hint = membership_hint(client, reply.body.channel_id)
            if hint:
                respond(text=hint, response_type="ephemeral", replace_original=False)
    except Exception:
        logger.exception("/partner %r failed", text)
        respond(text=SORRY, response_type="ephemeral", replace_original=False)
