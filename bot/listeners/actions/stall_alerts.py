"""The buttons on a stall alert: Advance… and Snooze open a form; Open shows the partner card."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.delivery import answer
from bot.listeners.invocations import interaction_invocation
from bot.views.stalls import read_alert_message
from commands import stall_alerts
from commands.context import Invocation
from commands.replies import AlertMessage, Reply


def _answer(
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    logger: Logger,
    run: Callable[[Invocation, AlertMessage], Reply],
) -> None:
    invocation = interaction_invocation(body, context)
    answer(
        lambda: run(invocation, read_alert_message(body)),
        client=client,
        user_id=invocation.user_id,
        logger=logger,
        what=f"stall alert button {body['actions'][0].get('action_id')}",
        response_url=body.get("response_url"),
        trigger_id=body.get("trigger_id"),
        seal=context["services"].form_seal,
    )


def open_advance_form(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    _answer(body, client, context, logger, stall_alerts.advance_form)


def open_snooze_form(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    _answer(body, client, context, logger, stall_alerts.snooze_form)


def show_partner_card(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    _answer(body, client, context, logger, stall_alerts.alert_card)
