"""The partner card's buttons: each opens its form (Advance…, Log, Feedback, KPI, Score, Edit)."""

from __future__ import annotations

from logging import Logger
from typing import Any
from urllib.parse import unquote

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.delivery import answer
from bot.listeners.guard import button_needs, button_partner
from bot.listeners.invocations import interaction_invocation
from bot.views.card_forms import ACTION_PREFIX
from commands.card_forms import open_card_form
from domain.roles import ANSWER, Need


def card_button_need(body: dict[str, Any]) -> Need:
    """Score opens the questionnaire (a lead's); every other card button changes the partner."""
    kind = str(body["actions"][0].get("action_id", "")).removeprefix(ACTION_PREFIX)
    return ANSWER if kind == "score" else button_partner(body)


@button_needs(card_button_need)
def open_form(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    action = body["actions"][0]
    kind, partner = action["action_id"].removeprefix(ACTION_PREFIX), unquote(action.get("value", ""))
    invocation = interaction_invocation(body, context)
    answer(
        lambda: open_card_form(kind, partner, invocation),
        client=client,
        user_id=invocation.user_id,
        logger=logger,
        what=f"card button {kind!r} for {partner!r}",
        response_url=body.get("response_url"),
        trigger_id=body.get("trigger_id"),
        seal=context["services"].form_seal,
        team_id=invocation.team_id,
    )
