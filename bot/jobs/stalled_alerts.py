"""Each day, one summary of the newly stalled partners per workspace (in the digest channel and/or to each
owner by DM), enqueued with the claims of the stall episodes it announces."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from bot.log_format import fields
from bot.services import Services
from bot.workspace_clients import WorkspaceClients
from commands.stalls.summary import enqueue_daily_summary
from domain.language import speaking
from storage.workspace import alert_workspaces

logger = logging.getLogger("partnerbot.jobs")


def post_stalled_alerts(services: Services, clients: WorkspaceClients, now: datetime) -> str:
    with services.unit_of_work() as uow:
        teams = [row.team_id for row in alert_workspaces(session=uow.session)]
    lines = []
    for team_id in teams:
        client = clients.for_team(team_id)
        if client is None:
            lines.append(f"{team_id}: not installed")
            continue
        job = services.invocation(team_id=team_id, user_id="scheduler", surface="job")
        invocation = replace(job, now=now, speaks_to="channel", people=clients.people_of(client))
        try:
            with speaking(None):  # the workspace's language, once its settings are read
                outcome = enqueue_daily_summary(invocation)
            line = fields(event="job step", job="stalled-alerts", team=team_id, step="prepare", outcome=str(outcome))
            logger.info("stalled summary for %s: %s", team_id, outcome, extra=line)
            lines.append(f"{team_id}: {outcome}")
        except Exception:
            logger.exception("stalled summary for %s could not be prepared", team_id)
            lines.append(f"{team_id}: failed")
    return "stalled-alerts: " + ("; ".join(lines) if lines else "no workspace has a digest channel")
