"""Post each workspace's weekly digest once per week, catching up a run missed within the grace period.

The claim of the week and the digest's outbox steps (its message and charts) commit together; the sender
posts them, so a chart that fails never re-posts the message.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlmodel import Session

from bot.log_format import fields
from bot.outbox.posts import enqueue_post
from bot.services import Services
from bot.workspace_clients import WorkspaceClients
from commands.digest import due_digest
from commands.replies import WeeklyDigest
from storage.workspace import digest_workspaces

logger = logging.getLogger("partnerbot.jobs")
SCHEDULER_USER = "scheduler"


def post_weekly_digests(services: Services, clients: WorkspaceClients, now: datetime) -> str:
    with services.unit_of_work() as uow:
        teams = [row.team_id for row in digest_workspaces(session=uow.session)]
    lines = []
    for team_id in teams:
        if clients.for_team(team_id) is None:
            lines.append(f"{team_id}: not installed")
            continue
        invocation = replace(services.invocation(team_id=team_id, user_id=SCHEDULER_USER), now=now)

        def post(session: Session, digest: WeeklyDigest, channel: str, key: str, team_id: str = team_id) -> None:
            enqueue_post(session, team_id=team_id, key=f"weekly-digest:{key}", channel=channel, body=digest, now=now)

        try:
            outcome = due_digest(invocation, post)
        except Exception:
            logger.exception("weekly digest for %s could not be prepared", team_id)
            lines.append(f"{team_id}: failed")
            continue
        line = fields(event="job step", job="weekly-digest", team=team_id, step="prepare", outcome=str(outcome))
        logger.info("weekly digest for %s: %s", team_id, outcome, extra=line)
        lines.append(f"{team_id}: {outcome}")
    return "weekly-digest: " + ("; ".join(lines) if lines else "no workspace has a digest channel")
