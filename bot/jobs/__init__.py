"""Scheduled jobs. Each takes the services, each workspace's Web API client and `now`, and reports what it did.

`partnerbot run-job NAME` and the scheduler call the same function, so they follow the same rules. Jobs
only enqueue their Slack posts (with their claims); the outbox sender runs after each job to send them,
and on its own as the `outbox` job.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.jobs.prune import prune_old_rows
from bot.jobs.score_reminders import send_score_reminders
from bot.jobs.stalled_alerts import post_stalled_alerts
from bot.jobs.weekly_digest import post_weekly_digests
from bot.outbox import drain
from bot.services import Services
from bot.workspace_clients import WorkspaceClients

Job = Callable[[Services, WorkspaceClients, datetime], str]

JOBS: dict[str, Job] = {
    "weekly-digest": post_weekly_digests,
    "stalled-alerts": post_stalled_alerts,
    "score-reminders": send_score_reminders,
    "prune": prune_old_rows,
    "outbox": lambda services, clients, now: "outbox: the posts due again",
}


def run_job(name: str, services: Services, clients: WorkspaceClients) -> str:
    """The job, then the outbox sender; both reports."""
    report = JOBS[name](services, clients, services.clock())
    return f"{report}\n{drain(services.unit_of_work, clients, clock=services.clock, recover=True).describe()}"
