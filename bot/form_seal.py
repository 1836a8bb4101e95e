"""Forms hand back only what the app put in them: each modal's private_metadata carries an HMAC of its
contents and the form's callback_id, checked before anything runs (HTTP 400 when it does not match).

The key is PARTNERBOT_FORM_KEY when set, otherwise derived from the signing secret (or, in Socket Mode
without one, the bot token), so a deployment needs no new setting; changing it invalidates open forms.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, BoltResponse
from slack_sdk.models.views import View

from bot.log_format import OUTCOME
from bot.settings import Settings

logger = logging.getLogger("partnerbot.forms")
SIGNATURE = "_sig"
OFFLINE_KEY = b"partnerbot offline forms"
"""For the console and tests without Slack secrets: nothing submitted from Slack is checked with it."""
FORGED = "form metadata is unreadable or was changed"
TEAM, USER = "_team", "_user"
"""Sealed with every form: the workspace and the person it was opened for."""
NOT_YOURS = "form opened for another workspace or person"


@dataclass(frozen=True)
class FormSeal:
    key: bytes

    @classmethod
    def from_settings(cls, settings: Settings) -> FormSeal:
        if settings.form_key:
            return cls(settings.form_key.encode())
        secret = settings.slack_signing_secret or settings.slack_bot_token
        if not secret:
            return cls(OFFLINE_KEY)
        return cls(hmac.new(secret.encode(), b"partnerbot form metadata", hashlib.sha256).digest())

    def _signature(self, callback_id: str, data: dict[str, Any]) -> str:
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest = hmac.new(self.key, f"{callback_id}\n{canonical}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def seal(self, view: View, *, team_id: str, user_id: str) -> View:
        """Signs the view's private_metadata (a JSON object, or nothing) in place, with the workspace and the
        person it is opened for inside the seal; returns the view."""
        data = json.loads(view.private_metadata or "{}")
        data[TEAM], data[USER] = team_id, user_id
        data[SIGNATURE] = self._signature(view.callback_id or "", data)
        view.private_metadata = json.dumps(data, ensure_ascii=False)
        return view

    def is_intact(self, callback_id: object, metadata: object) -> bool:
        """True when `metadata` is what this app sealed for a form with this callback_id."""
        if not isinstance(metadata, str) or not isinstance(callback_id, str):
            return False
        try:
            data = json.loads(metadata)
        except (json.JSONDecodeError, RecursionError):
            return False
        if not isinstance(data, dict):
            return False
        signature = data.pop(SIGNATURE, None)
        return isinstance(signature, str) and hmac.compare_digest(signature, self._signature(callback_id, data))


def opened_for(metadata: object, *, team_id: str | None, user_id: str | None) -> bool:
    """The (intact) metadata was sealed for this workspace and this person: a form opened for someone else, or
    in another workspace served by the same deployment, is not theirs to submit."""
    try:
        data = json.loads(metadata) if isinstance(metadata, str) else None
    except (json.JSONDecodeError, RecursionError):
        return False
    if not isinstance(data, dict) or not team_id or not user_id:
        return False
    return data.get(TEAM) == team_id and data.get(USER) == user_id


def submitter(body: dict[str, Any]) -> str | None:
    user = body.get("user")
    return str(user["id"]) if isinstance(user, dict) and user.get("id") else None


def refuse_forged_forms(seal: FormSeal) -> Callable[..., BoltResponse | None]:
    """Middleware: a form submission whose metadata is not intact, or was sealed for another workspace or
    person, gets 400 and runs nothing.

    In HTTP mode the edge refuses it first (bot/slack_payloads.py); this covers Socket Mode too.
    """

    def middleware(
        body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse | None]
    ) -> BoltResponse | None:
        if body.get("type") in ("view_submission", "view_closed"):
            view = body.get("view") or {}
            if not seal.is_intact(view.get("callback_id"), view.get("private_metadata")):
                logger.warning("refused a %s: %s", body.get("type"), FORGED)
                context[OUTCOME] = "refused: forged form"
                return BoltResponse(status=400, body=FORGED)
            if not opened_for(view.get("private_metadata"), team_id=context.team_id, user_id=submitter(body)):
                logger.warning("refused a %s: %s", body.get("type"), NOT_YOURS)
                context[OUTCOME] = "refused: form of another workspace or person"
                return BoltResponse(status=400, body=NOT_YOURS)
        return next()

    return middleware
