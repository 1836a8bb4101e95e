"""Next › and ‹ Previous under a paged list: re-run its command for the other page and replace the message."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import BoltContext
from slack_sdk.webhook import WebhookClient

from bot.delivery import SORRY, message_payload
from bot.listeners.invocations import interaction_invocation
from commands.replies import Notice, Reply
from commands.verbs import handle
from domain.errors import PartnerbotError
from domain.paging import decode_page_button


def turn_page(body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    response_url = body.get("response_url")
    if not response_url:
        return
    try:
        try:
            button = decode_page_button(body["actions"][0].get("value", ""))
            reply = handle(button.command_line(), interaction_invocation(body, context))
        except PartnerbotError as error:
            reply = Reply.error(error.message)
        if reply.body is None:
            return
        failed = isinstance(reply.body, Notice) and reply.body.tone == "error"
        # a refusal is said beside the list; a page replaces the one shown
        WebhookClient(response_url).send_dict({**message_payload(reply.body), "replace_original": not failed})
    except Exception:
        logger.exception("turning a page failed")
        WebhookClient(response_url).send_dict({"text": SORRY, "response_type": "ephemeral", "replace_original": False})
