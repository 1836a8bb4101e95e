"""Buttons on the App Home tab."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.database_trouble import apology, tell_user
from bot.delivery import deliver
from bot.listeners.invocations import interaction_invocation
from bot.views.registration import build_registration_modal
from commands.feedback import feedback_form
from commands.parse import Show
from commands.registry import registration_form, show
from commands.replies import Reply
from commands.scoring import score_form
from domain.errors import PartnerbotError


def acknowledge(ack: Ack) -> None:
    ack()


def open_registration_form(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
    """The form's confirmation goes to the user's DM: a Home button has no response URL."""
    try:
        view = build_registration_modal(registration_form(), user_id=body["user"]["id"], metadata={})
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except Exception:
        logger.exception("could not open the registration form")


def open_partner_menu(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    """A partner's menu on the Home tab: the feedback form, the questionnaire, or the card by DM."""
    user_id = body["user"]["id"]
    action, _, partner = (body["actions"][0].get("selected_option") or {}).get("value", "").partition(":")
    runs = {
        "feedback": lambda: feedback_form(invocation, partner),
        "score": lambda: score_form(invocation, partner),
        "show": lambda: show(Show(partner), invocation),
    }
    try:
        invocation = interaction_invocation(body, context)
        try:
            reply = runs[action]() if action in runs else Reply.error(f"Unknown menu choice '{action}'.")
        except PartnerbotError as error:
            reply = Reply.error(error.message)
        deliver(reply, client=client, user_id=user_id, trigger_id=body.get("trigger_id"))
    except Exception as error:
        logger.exception("home menu %r for %r failed", action, partner)
        tell_user(apology(error), client=client, user_id=user_id)
