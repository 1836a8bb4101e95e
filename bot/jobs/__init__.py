"""Scheduled jobs. Each takes the services, each workspace's Web API client and `now`, and reports what it did.

`partnerbot run-job NAME` and the scheduler call the same function, so they follow the same rules. Jobs
only enqueue their Slack posts (with their claims); the outbox sender runs after each job to send them,
and on its own as the `outbox` job.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from bot.jobs.prune import prune_old_rows
from bot.jobs.score_reminders import send_score_reminders
from bot.jobs.stalled_alerts import post_stalled_alerts
from bot.jobs.weekly_digest import post_weekly_digests
from bot.log_format import fields, milliseconds_since
from bot.outbox import drain
from bot.services import Services
from bot.workspace_clients import WorkspaceClients

logger = logging.getLogger("partnerbot.jobs")
Job = Callable[[Services, WorkspaceClients, datetime], str]

JOBS: dict[str, Job] = {
    "weekly-digest": post_weekly_digests,
    "stalled-alerts": post_stalled_alerts,
    "score-reminders": send_score_reminders,
    "prune": prune_old_rows,
    "outbox": lambda services, clients, now: "outbox: the posts due again",
}


def run_job(name: str, services: Services, clients: WorkspaceClients) -> str:
    """The job, then the outbox sender; both reports. Each is a job step with its own log line."""
    started = time.perf_counter()
    report = JOBS[name](services, clients, services.clock())
    step_done(name, "job", started, quiet=name == "outbox")  # the sender alone, every 30 s
    started = time.perf_counter()
    sent = drain(services.unit_of_work, clients, clock=services.clock, recover=True)
    step_done(name, "outbox", started, outcome=sent.describe().removeprefix("outbox: "), quiet=not sent.did_anything)
    return f"{report}\n{sent.describe()}"


def step_done(job: str, step: str, started: float, *, outcome: str = "done", quiet: bool = False) -> None:
    took = milliseconds_since(started, time.perf_counter())
    line = fields(event="job step", job=job, step=step, outcome=outcome, duration_ms=took)
    logger.log(logging.DEBUG if quiet else logging.INFO, "job %s: %s %s", job, step, outcome, extra=line)
