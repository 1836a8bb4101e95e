"""Submitting the stall alert's forms: move the partner, or snooze the alert; then the alert is rewritten."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.listeners.guard import form_needs, metadata_alert
from bot.listeners.views.forms import submit_form
from bot.views.stalls import alert_from_metadata
from commands.context import Invocation
from commands.replies import Reply
from commands.stalls import alerts as stall_alerts


@form_needs(metadata_alert)
def submit_advance(ack: Ack, body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    def submit(values: dict[str, str | None], metadata: dict[str, Any], invocation: Invocation) -> Reply:
        partner = str(metadata.get("partner", ""))
        return stall_alerts.submit_advance(alert_from_metadata(metadata), partner, values, invocation)

    submit_form(ack, body, context, logger, submit, "stage")


@form_needs(metadata_alert)
def submit_snooze(ack: Ack, body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    def submit(values: dict[str, str | None], metadata: dict[str, Any], invocation: Invocation) -> Reply:
        return stall_alerts.submit_snooze(alert_from_metadata(metadata), values, invocation)

    submit_form(ack, body, context, logger, submit, "reason")
