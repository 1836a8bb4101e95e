"""The scheduler runs every job, the outbox sender among them every 30 seconds, the retention daily."""

from __future__ import annotations

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient
from sqlalchemy import create_engine

from bot.leader import LeaderLock
from bot.scheduler import OUTBOX_INTERVAL, build_scheduler
from bot.services import Services
from bot.settings import Settings
from bot.workspace_clients import WorkspaceClients


def test_the_outbox_sender_is_a_scheduled_job_next_to_the_others() -> None:
    engine = create_engine("sqlite://")
    services = Services(settings=Settings(_env_file=None), engine=engine)
    scheduler = build_scheduler(services, WorkspaceClients.single(WebClient(token="xoxb-test")), LeaderLock(engine))
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"weekly-digest", "stalled-alerts", "score-reminders", "prune", "outbox", "command-inbox"}
    trigger = jobs["outbox"].trigger
    assert isinstance(trigger, IntervalTrigger) and trigger.interval == OUTBOX_INTERVAL
    prune = jobs["prune"].trigger
    assert isinstance(prune, CronTrigger) and str(prune.fields[5]) == "3" and str(prune.fields[6]) == "30"
