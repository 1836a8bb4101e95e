"""The buttons on a stall alert and the menu on each line of the daily summary: Advance… and Snooze open a
form; Open shows the partner card. The summary's "Show all" answers with `/partner stalled`."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.delivery import answer
from bot.listeners.guard import always, button_alert, button_needs
from bot.listeners.invocations import interaction_invocation
from bot.views.stalls import read_alert_message
from commands.context import Invocation
from commands.replies import AlertMessage, Reply
from commands.stalls import alerts as stall_alerts
from commands.verbs import handle
from domain.roles import VIEW, Need, Permission


def _answer(
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    logger: Logger,
    run: Callable[[Invocation, AlertMessage], Reply],
    read: Callable[[dict[str, Any]], AlertMessage] = read_alert_message,
) -> None:
    invocation = interaction_invocation(body, context)
    answer(
        lambda: run(invocation, read(body)),
        client=client,
        user_id=invocation.user_id,
        logger=logger,
        what=f"stall alert button {body['actions'][0].get('action_id')}",
        response_url=body.get("response_url"),
        trigger_id=body.get("trigger_id"),
        seal=context["services"].form_seal,
        team_id=invocation.team_id,
    )


@button_needs(button_alert)
def open_advance_form(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    _answer(body, client, context, logger, stall_alerts.advance_form)


@button_needs(button_alert)
def open_snooze_form(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    _answer(body, client, context, logger, stall_alerts.snooze_form)


@button_needs(always(VIEW))
def show_partner_card(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    _answer(body, client, context, logger, stall_alerts.alert_card)


SUMMARY_MENU: dict[str, Callable[[Invocation, AlertMessage], Reply]] = {
    "advance": stall_alerts.advance_form,
    "snooze": stall_alerts.snooze_form,
    "open": stall_alerts.alert_card,
}


def summary_menu_need(body: dict[str, Any]) -> Need:
    """Open is everyone's; Advance and Snooze change the alerted partner."""
    verb, _, alert_id = str(body["actions"][0].get("selected_option", {}).get("value", "")).partition(":")
    if verb == "open":
        return VIEW
    return Need(Permission.PARTNER, alert_id=int(alert_id) if alert_id.isdecimal() else 0)


@button_needs(summary_menu_need)
def summary_menu(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    """A line's menu in the summary: its value is `verb:alert id`; the summary's own message is found from the
    alert's stored summary, never from this request."""
    verb, _, alert_id = str(body["actions"][0].get("selected_option", {}).get("value", "")).partition(":")
    if verb not in SUMMARY_MENU or not alert_id.isdecimal():
        logger.warning("stall summary menu: unknown choice %r", verb[:40])
        return
    _answer(body, client, context, logger, SUMMARY_MENU[verb], lambda _: AlertMessage(int(alert_id)))


@button_needs(always(VIEW))
def show_all_stalled(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    invocation = interaction_invocation(body, context)
    answer(
        lambda: handle("stalled", invocation),
        client=client,
        user_id=invocation.user_id,
        logger=logger,
        what="stall summary: show all",
        response_url=body.get("response_url"),
    )
