"""Remind leads, once, who have not answered a questionnaire they were asked for N days ago."""

from __future__ import annotations

from datetime import datetime

from bot.services import Services
from bot.workspace_clients import WorkspaceClients
from commands.people import EVERYONE
from commands.scoring.asks import due_reminders, workspaces_with_due_reminders


def send_score_reminders(services: Services, clients: WorkspaceClients, now: datetime) -> str:
    """Marks the due requests reminded and enqueues each lead's DM in the same transaction; the sender
    (run after this job) sends them, and sends again on a later run the ones Slack did not take. Each lead's
    reminder is written in their language, asked of their workspace's directory."""
    days = services.settings.reminder_days
    teams = workspaces_with_due_reminders(services.unit_of_work, now=now, after_days=days)
    directories = {team_id: clients.people_for(team_id) for team_id in teams}
    due = due_reminders(
        services.unit_of_work, now=now, after_days=days, people_of=lambda team_id: directories.get(team_id, EVERYONE)
    )
    return f"score-reminders: {due} reminder(s) queued"
