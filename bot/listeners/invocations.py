"""The Invocation for an interactive payload (a button, a menu, a modal submission)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.services import Services
from commands.context import Invocation


def interaction_invocation(body: dict[str, Any], context: BoltContext) -> Invocation:
    """Who clicked or submitted, in which workspace, now; a submitted modal is a form, anything else a button."""
    services: Services = context["services"]
    surface = "form" if body.get("type") == "view_submission" else "button"
    return services.invocation(
        team_id=context.team_id or body["team"]["id"], user_id=body["user"]["id"], surface=surface
    )
