"""The "Answer questionnaire" button in a lead's DM."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.delivery import answer
from bot.listeners.guard import always, button_needs
from bot.listeners.invocations import interaction_invocation
from commands.scoring.questionnaire import score_form
from domain.roles import ANSWER


@button_needs(always(ANSWER))
def open_questionnaire(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    partner = body["actions"][0].get("value", "")
    invocation = interaction_invocation(body, context)
    answer(
        lambda: score_form(invocation, partner),
        client=client,
        user_id=invocation.user_id,
        logger=logger,
        what=f"the questionnaire for {partner!r}",
        trigger_id=body.get("trigger_id"),
        seal=context["services"].form_seal,
        team_id=invocation.team_id,
    )
