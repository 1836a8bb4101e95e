"""Next › and ‹ Previous under a paged list: re-run its command for the other page and replace the message."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import BoltContext
from slack_sdk.webhook import WebhookClient

from bot.database_trouble import apology
from bot.listeners.guard import always, button_needs
from bot.listeners.invocations import interaction_invocation
from bot.payloads import message_payload
from commands.replies import Notice, reply_or_refusal
from commands.verbs import handle
from domain.paging import decode_page_button
from domain.roles import VIEW


@button_needs(always(VIEW))  # the page's own command is checked as typed
def turn_page(body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    response_url = body.get("response_url")
    if not response_url:
        return
    try:
        invocation = interaction_invocation(body, context)
        value = body["actions"][0].get("value", "")
        reply = reply_or_refusal(lambda: handle(decode_page_button(value).command_line(), invocation))
        if reply.body is None:
            return
        failed = isinstance(reply.body, Notice) and reply.body.tone == "error"
        # a refusal is said beside the list; a page replaces the one shown
        WebhookClient(response_url).send_dict({**message_payload(reply.body), "replace_original": not failed})
    except Exception as error:
        logger.exception("turning a page failed")
        answer = {"text": apology(error), "response_type": "ephemeral", "replace_original": False}
        WebhookClient(response_url).send_dict(answer)
