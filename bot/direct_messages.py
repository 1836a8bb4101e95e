"""Direct messages, each sent on its own: one lead Slack refuses does not stop the others.

The reply that goes with them is sent afterwards and says who did not get theirs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import cast

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from commands.context import Invocation
from commands.direct_messages import settle
from commands.replies import Body, DirectMessage, Reply

logger = logging.getLogger("partnerbot.delivery")

REASONS = {
    "user_not_found": "no such user",
    "cannot_dm_bot": "a bot",
    "user_disabled": "deactivated",
    "account_inactive": "deactivated",
    "channel_not_found": "no DM with them is possible",
    "not_allowed_token_type": "the app may not DM them",
    "restricted_action": "the workspace does not allow it",
}


def why_not_sent(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        code = str(error.response.get("error") or "")
        if code in REASONS:
            return REASONS[code]
        status = error.response.status_code
        return f"Slack answered {code}" if code and status == 200 else f"Slack answered HTTP {status}"
    return "Slack did not answer"


Send = Callable[[WebClient, str, Body], None]


def send_each(client: WebClient, messages: tuple[DirectMessage, ...], send: Send) -> tuple[tuple[str, str], ...]:
    """Sends every message; returns (user id, why) for those Slack did not take."""
    failed = []
    for message in messages:
        try:
            send(client, message.user_id, message.body)
        except Exception as error:
            logger.exception("DM to %s was not sent", message.user_id)
            failed.append((message.user_id, why_not_sent(error)))
    return tuple(failed)


def send_direct_messages(client: WebClient, reply: Reply, invocation: Invocation | None, send: Send) -> Body | None:
    """Sends the reply's DMs and returns the body to show with it: the command says who did not get theirs."""
    failed = send_each(client, reply.direct_messages, send)
    if not failed:
        return reply.body
    settled = settle(reply.body, failed, invocation)
    return cast(Body | None, settled)
