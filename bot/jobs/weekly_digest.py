"""Post each workspace's weekly digest once per week, catching up a run missed within the grace period."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from slack_sdk import WebClient

from bot.delivery import post_in_channel
from bot.services import Services
from commands.digest import due_digest, finish_digest
from storage.workspace import digest_workspaces

logger = logging.getLogger("partnerbot.jobs")
SCHEDULER_USER = "scheduler"


def post_weekly_digests(services: Services, client: WebClient, now: datetime) -> str:
    with services.unit_of_work() as uow:
        teams = [row.team_id for row in digest_workspaces(session=uow.session)]
    lines = []
    for team_id in teams:
        invocation = replace(services.invocation(team_id=team_id, user_id=SCHEDULER_USER), now=now)
        try:
            outcome = due_digest(invocation)
        except Exception:
            logger.exception("weekly digest for %s could not be prepared", team_id)
            lines.append(f"{team_id}: failed")
            continue
        if isinstance(outcome, str):
            logger.info("weekly digest for %s: %s", team_id, outcome)
            lines.append(f"{team_id}: {outcome}")
            continue
        digest, channel, key = outcome
        try:
            ts = post_in_channel(client, channel, digest)
        except Exception:
            logger.exception("weekly digest %s for %s could not be posted; it will be retried", key, team_id)
            finish_digest(invocation, key, posted=False, detail="post failed")
            lines.append(f"{team_id}: {key} failed, will retry")
            continue
        finish_digest(invocation, key, posted=True, detail=f"{channel} {ts}")
        lines.append(f"{team_id}: {key} posted to {channel}")
    return "weekly-digest: " + ("; ".join(lines) if lines else "no workspace has a digest channel")
