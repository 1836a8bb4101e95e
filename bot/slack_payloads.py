"""Is a signed Slack request body shaped the way the listeners read it? Checked before bolt sees it,
so a malformed body is answered 400 and runs nothing, instead of failing halfway with a 500."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from bot.form_seal import FormSeal

Problem = str | None


def payload_problem(body: str, content_type: str, *, seal: FormSeal | None = None) -> Problem:
    """What is wrong with `body`, in a few words for the log, or None when the listeners can read it.

    With `seal`, a form's private_metadata must also be what the app sealed (bot/form_seal.py).
    """
    if content_type.startswith("application/json") or body.startswith("{"):
        return _object_problem(body, "JSON body", _event_problem)
    form = parse_qs(body, keep_blank_values=True)
    if "payload" in form:
        return _object_problem(form["payload"][0], "interaction payload", lambda data: _interaction_problem(data, seal))
    if "command" in form and not form.get("user_id", [""])[0]:
        return "slash command without a user"
    return None


def _object_problem(text: str, what: str, check: Any) -> Problem:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return f"{what} is not valid JSON"
    if not isinstance(data, dict):
        return f"{what} is not a JSON object"
    problem: Problem = check(data)
    return problem


def _event_problem(data: dict[str, Any]) -> Problem:
    if data.get("type") == "event_callback" and not isinstance(data.get("event"), dict):
        return "event_callback without an event"
    return None


def _interaction_problem(data: dict[str, Any], seal: FormSeal | None = None) -> Problem:
    kind = data.get("type")
    if not isinstance(kind, str):
        return "interaction payload without a type"
    if not isinstance(data.get("user"), dict) or not isinstance(data["user"].get("id"), str):
        return f"{kind} without a user"
    if kind == "block_actions":
        actions = data.get("actions")
        if not isinstance(actions, list) or not actions or not all(isinstance(action, dict) for action in actions):
            return "block_actions without actions"
    if kind in ("view_submission", "view_closed"):
        view = data.get("view")
        if not isinstance(view, dict):
            return f"{kind} without a view"
        if metadata_problem(view.get("private_metadata")):
            return f"{kind} with unreadable private_metadata"
        if seal is not None and not seal.is_intact(view.get("callback_id"), view.get("private_metadata")):
            return f"{kind} with private_metadata the app did not seal (changed, or from another form)"
    return None


def metadata_problem(metadata: object) -> bool:
    """Every modal this app opens stores a JSON object (with its seal) in private_metadata."""
    if metadata in (None, ""):
        return False
    if not isinstance(metadata, str):
        return True
    try:
        return not isinstance(json.loads(metadata), dict)
    except (json.JSONDecodeError, RecursionError):
        return True
