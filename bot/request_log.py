"""One log line per Slack request, whatever its kind and however it ends: the App's dispatch, measured.

The line names the workspace, the user, the kind of request, the command's verb (never the rest of what was
typed), the action or form id, the HTTP status and outcome, and how long the answer took. A command's own work
runs after its ack and has a line of its own (bot/inbox.py).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot.log_format import OUTCOME, fields, milliseconds_since
from commands.tokens import ParseError
from commands.verbs import find_verb

logger = logging.getLogger("partnerbot.requests")


def verb_of(text: object) -> str:
    """The verb's own name for the first word typed (an alias or a typo is not logged as typed)."""
    words = str(text or "").split(maxsplit=1)
    if not words:
        return "help"
    try:
        return find_verb(words[0]).name
    except ParseError:
        return "unknown"


def kind_of(body: dict[str, Any]) -> str:
    if "command" in body:
        return "command"
    kind = str(body.get("type") or "unknown")
    event = body.get("event")
    if kind == "event_callback" and isinstance(event, dict):
        return f"event:{event.get('type')}"
    return kind


def action_of(body: dict[str, Any]) -> str | None:
    actions = body.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], dict):
        return str(actions[0].get("action_id"))
    view = body.get("view")
    if isinstance(view, dict) and body.get("type") in ("view_submission", "view_closed"):
        return str(view.get("callback_id"))
    return None


def request_fields(request: BoltRequest, response: BoltResponse, duration_ms: float) -> dict[str, Any]:
    body = request.body if isinstance(request.body, dict) else {}
    context = request.context
    kind = kind_of(body)
    outcome = context.get(OUTCOME) or ("acknowledged" if response.status < 400 else "refused")
    return fields(
        event="request",
        team=context.team_id,
        user=context.user_id,
        kind=kind,
        verb=verb_of(body.get("text")) if kind == "command" else None,
        action=action_of(body),
        status=response.status,
        outcome=outcome,
        duration_ms=duration_ms,
    )


class LoggedApp(App):
    """bolt's App, with one log line per request it dispatches (HTTP and Socket Mode alike)."""

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        started = time.perf_counter()
        response = super().dispatch(req)
        try:
            took = milliseconds_since(started, time.perf_counter())
            logger.info("slack request", extra=request_fields(req, response, took))
        except Exception:
            logger.exception("could not log a request")
        return response
