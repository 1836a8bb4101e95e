"""Buttons on the App Home tab."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.delivery import answer
from bot.listeners.guard import always, button_needs
from bot.listeners.invocations import interaction_invocation
from bot.views.registry.form import build_registration_modal
from commands.feedback import feedback_form
from commands.registry.parse import Show
from commands.registry.partners import registration_form, show
from commands.replies import Reply
from commands.scoring.questionnaire import score_form
from domain.language import tr
from domain.roles import ADD, ANSWER, VIEW, Need, on_partner


def acknowledge(ack: Ack) -> None:
    ack()


@button_needs(always(ADD))
def open_registration_form(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    """The form's confirmation goes to the user's DM: a Home button has no response URL."""
    try:
        seal, invocation = context["services"].form_seal, interaction_invocation(body, context)
        modal = build_registration_modal(registration_form(), user_id=invocation.user_id, metadata={})
        view = seal.seal(modal, team_id=invocation.team_id, user_id=invocation.user_id)
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except Exception:
        logger.exception("could not open the registration form")


def partner_menu_need(body: dict[str, Any]) -> Need:
    action, _, partner = (body["actions"][0].get("selected_option") or {}).get("value", "").partition(":")
    return {"feedback": on_partner(partner), "score": ANSWER}.get(action, VIEW)


@button_needs(partner_menu_need)
def open_partner_menu(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    """A partner's menu on the Home tab: the feedback form, the questionnaire, or the card by DM."""
    user_id = body["user"]["id"]
    action, _, partner = (body["actions"][0].get("selected_option") or {}).get("value", "").partition(":")
    invocation = interaction_invocation(body, context)
    runs = {
        "feedback": lambda: feedback_form(invocation, partner),
        "score": lambda: score_form(invocation, partner),
        "show": lambda: show(Show(partner), invocation),
    }
    answer(
        runs.get(action, lambda: Reply.error(tr("Unknown menu choice '{choice}'.", choice=action))),
        client=client,
        user_id=user_id,
        logger=logger,
        what=f"home menu {action!r} for {partner!r}",
        trigger_id=body.get("trigger_id"),
        seal=context["services"].form_seal,
        team_id=invocation.team_id,
    )
