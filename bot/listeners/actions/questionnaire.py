"""The "Answer questionnaire" button in a lead's DM."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.database_trouble import apology
from bot.delivery import deliver
from bot.listeners.invocations import interaction_invocation
from commands.replies import Reply
from commands.scoring import score_form
from domain.errors import PartnerbotError


def open_questionnaire(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    user_id = body["user"]["id"]
    partner = body["actions"][0].get("value", "")
    try:
        try:
            reply = score_form(interaction_invocation(body, context), partner)
        except PartnerbotError as error:
            reply = Reply.error(error.message)
        deliver(reply, client=client, user_id=user_id, trigger_id=body.get("trigger_id"))
    except Exception as error:
        logger.exception("could not open the questionnaire for %r", partner)
        client.chat_postMessage(channel=user_id, text=apology(error))
