"""Each day, one summary of the newly stalled partners per workspace (in the digest channel and/or to each
owner by DM), enqueued with the claims of the stall episodes it announces."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from slack_sdk import WebClient

from bot.services import Services
from commands.stalls.summary import enqueue_daily_summary
from domain.language import speaking
from storage.workspace import alert_workspaces

logger = logging.getLogger("partnerbot.jobs")


def post_stalled_alerts(services: Services, client: WebClient, now: datetime) -> str:
    with services.unit_of_work() as uow:
        teams = [row.team_id for row in alert_workspaces(session=uow.session)]
    lines = []
    for team_id in teams:
        invocation = replace(services.invocation(team_id=team_id, user_id="scheduler"), now=now, speaks_to="channel")
        try:
            with speaking(None):  # the workspace's language, once its settings are read
                lines.append(f"{team_id}: {enqueue_daily_summary(invocation)}")
        except Exception:
            logger.exception("stalled summary for %s could not be prepared", team_id)
            lines.append(f"{team_id}: failed")
    return "stalled-alerts: " + ("; ".join(lines) if lines else "no workspace has a digest channel")
