"""The in-process scheduler that runs the jobs inside `partnerbot run` and `partnerbot serve`.

APScheduler 3.x defaults that would bite are set explicitly: the zone is the workspace's (not the
machine's), a run missed while the process was down is made up within the grace time instead of the
default one second, piled-up runs coalesce into one, and job ids are fixed with replace_existing.
Jobs themselves are safe to run on several replicas at once (they claim their work in the database).
"""

from __future__ import annotations

from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient

from bot.jobs import run_job
from bot.services import Services

MISFIRE_GRACE = timedelta(hours=12)
REMINDER_INTERVAL = timedelta(hours=1)


def build_scheduler(services: Services, client: WebClient | None) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(
        timezone=services.settings.timezone,
        job_defaults={
            "coalesce": True,
            "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()),
            "max_instances": 1,
        },
    )
    scheduler.add_job(
        run_job,
        "interval",
        seconds=int(REMINDER_INTERVAL.total_seconds()),
        id="score-reminders",
        replace_existing=True,
        args=("score-reminders", services, client),
        next_run_time=services.clock() + timedelta(minutes=1),
    )
    return scheduler
