"""Remind leads, once, who have not answered a questionnaire they were asked for N days ago."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk import WebClient

from bot.delivery import send_direct_message
from bot.services import Services
from commands.scoring.asks import due_reminders

logger = logging.getLogger("partnerbot.jobs")


def send_score_reminders(services: Services, client: WebClient, now: datetime) -> str:
    """Marks the due requests reminded (once, even across replicas), then sends each lead a DM."""
    due = due_reminders(services.unit_of_work, now=now, after_days=services.settings.reminder_days)
    sent = 0
    for _team_id, message in due:
        try:
            send_direct_message(client, message.user_id, message.body)
            sent += 1
        except Exception:
            logger.exception("could not remind %s about %s", message.user_id, message.body.partner)
    return f"score-reminders: {len(due)} due, {sent} sent"
