"""People from another organisation (Slack Connect) get no partner data: a button click, menu choice or form
submission from a user whose team is not the workspace's is refused before any listener runs.

Slack names the clicking user's own team in `user.team_id`; the workspace whose data would be used is the
request's (`context.team_id`, as bolt reads it). Slash commands carry no user team: they are checked by
bot/command_privacy.py with users.info when typed in a shared channel.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltResponse
from slack_sdk.models.blocks import SectionBlock
from slack_sdk.models.views import View
from slack_sdk.webhook import WebhookClient

from bot.command_privacy import foreign_refusal
from bot.log_format import OUTCOME
from commands.replies import Notice
from domain.channel_safety import is_foreign

logger = logging.getLogger("partnerbot.connect")
INTERACTIONS = ("block_actions", "block_suggestion", "view_submission", "view_closed", "shortcut", "message_action")


def refusal_text() -> str:
    body = foreign_refusal().body
    assert isinstance(body, Notice)
    return body.text


def user_team(body: dict[str, Any]) -> str | None:
    user = body.get("user")
    return str(user["team_id"]) if isinstance(user, dict) and user.get("team_id") else None


def refuse_foreign_users(body: dict[str, Any], context: BoltContext, next: Callable[[], Any]) -> Any:
    """Middleware: an interaction from another organisation's user runs nothing and hears a short refusal."""
    if body.get("type") not in INTERACTIONS or not context.team_id:
        return next()
    if not is_foreign(workspace=context.team_id, user_team=user_team(body)):
        return next()
    logger.warning("refused a %s from a user of another organisation", body.get("type"))
    context[OUTCOME] = "refused: another organisation"
    text = refusal_text()
    if body.get("type") == "view_submission":
        view = View(type="modal", title="partnerbot", blocks=[SectionBlock(text=text)])
        answer = {"response_action": "update", "view": view.to_dict()}
        return BoltResponse(status=200, body=json.dumps(answer), headers={"content-type": "application/json"})
    response_url = body.get("response_url")
    if isinstance(response_url, str):
        try:
            WebhookClient(response_url).send_dict(
                {"text": text, "response_type": "ephemeral", "replace_original": False}
            )
        except Exception:
            logger.exception("could not tell a user of another organisation that they were refused")
    return BoltResponse(status=200, body="")
