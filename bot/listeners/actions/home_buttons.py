"""Buttons on the App Home tab."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.views.registration import build_registration_modal
from commands.registry import registration_form


def acknowledge(ack: Ack) -> None:
    ack()


def open_registration_form(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
    """The form's confirmation goes to the user's DM: a Home button has no response URL."""
    try:
        view = build_registration_modal(registration_form(), user_id=body["user"]["id"], metadata={})
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except Exception:
        logger.exception("could not open the registration form")
