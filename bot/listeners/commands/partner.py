"""`/partner …`: recorded in the command inbox before the ack, then run in a lazy listener that answers
through the response URL (see bot/inbox.py for what happens when the process dies in between)."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.database_trouble import DATABASE_UNAVAILABLE, database_unavailable
from bot.delivery import apologise
from bot.inbox import run_entry
from bot.inbox_recording import ACK_WAIT_SECONDS, Recording, start_recording
from bot.services import Services
from domain.language import tr

RECORDING = "inbox_recording"


def acknowledge(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Acks once the command is recorded, or after ACK_WAIT_SECONDS, whichever comes first; a database that
    refused at once gets its clear answer in the ack itself."""
    services: Services = context["services"]
    recording = start_recording(
        services,
        team_id=context.team_id or body["team_id"],
        user_id=body["user_id"],
        channel_id=body.get("channel_id"),
        text=body.get("text", ""),
        response_url=body.get("response_url"),
    )
    context[RECORDING] = recording
    if recording.wait(ACK_WAIT_SECONDS) and recording.error is not None and database_unavailable(recording.error):
        recording.answered_at_ack = True
        ack(text=tr(DATABASE_UNAVAILABLE), response_type="ephemeral")
        return
    ack()


def run_partner_command(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    services: Services = context["services"]
    recording: Recording = context[RECORDING]
    recording.wait()
    if recording.entry is None:
        if not recording.answered_at_ack:
            logger.error("/partner %r could not be recorded: %s", body.get("text", ""), recording.error)
            apologise(client, body["user_id"], body.get("response_url"), logger, recording.error or Exception())
        return
    run_entry(recording.entry, services, client, trigger_id=body.get("trigger_id"))
