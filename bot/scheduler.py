"""The in-process scheduler that runs the jobs inside `partnerbot run` and `partnerbot serve`.

APScheduler 3.x defaults that would bite are set explicitly: the zone is the workspace's (not the
machine's), a run missed while the process was down is made up within the grace time instead of the
default one second, piled-up runs coalesce into one, and job ids are fixed with replace_existing.
Only the process holding the leader lock runs jobs; each job also claims its work in the database. The
`outbox` job sends, every OUTBOX_INTERVAL, the posts that are due again after a failure (each job also
sends its own posts when it ends); `prune` deletes, daily, the outbox steps and inbox commands past retention.

The weekly digest is a frequent tick rather than one cron trigger per workspace: each tick posts the
runs that are due and not yet claimed, so a schedule changed in Slack takes effect on every replica
without rescheduling, and a run missed while the bot was down is made up (or skipped) by the same rule.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.inbox_recovery import recover_commands
from bot.jobs import run_job
from bot.leader import LeaderLock
from bot.services import Services
from bot.workspace_clients import WorkspaceClients

logger = logging.getLogger("partnerbot.scheduler")
MISFIRE_GRACE = timedelta(hours=12)
DIGEST_TICK = timedelta(minutes=5)
REMINDER_INTERVAL = timedelta(hours=1)
STALLED_ALERTS_AT = (9, 0)
PRUNE_AT = (3, 30)
OUTBOX_INTERVAL = timedelta(seconds=30)
IDLE_SENDER = "0 sent, 0 to retry, 0 failed"
INBOX_TICK = timedelta(minutes=1)


def run_if_leader(name: str, services: Services, clients: WorkspaceClients, leader: LeaderLock) -> None:
    if not leader.is_leader():
        return
    try:
        report = run_job(name, services, clients)
        quiet = name == "outbox" and report.endswith(IDLE_SENDER)  # every 30 s: log only when it did something
        logger.log(logging.DEBUG if quiet else logging.INFO, report)
    except Exception:
        logger.exception("job %s failed", name)


def build_scheduler(
    services: Services, clients: WorkspaceClients, leader: LeaderLock | None = None
) -> BackgroundScheduler:
    zone = services.settings.timezone
    lock = leader or LeaderLock(services.engine)
    scheduler = BackgroundScheduler(
        timezone=zone,
        job_defaults={"coalesce": True, "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()), "max_instances": 1},
    )
    triggers = {
        "weekly-digest": IntervalTrigger(seconds=int(DIGEST_TICK.total_seconds()), timezone=zone),
        "stalled-alerts": CronTrigger(hour=STALLED_ALERTS_AT[0], minute=STALLED_ALERTS_AT[1], timezone=zone),
        "score-reminders": IntervalTrigger(seconds=int(REMINDER_INTERVAL.total_seconds()), timezone=zone),
        "prune": CronTrigger(hour=PRUNE_AT[0], minute=PRUNE_AT[1], timezone=zone),
        "outbox": IntervalTrigger(seconds=int(OUTBOX_INTERVAL.total_seconds()), timezone=zone),
    }
    for name, trigger in triggers.items():
        scheduler.add_job(
            run_if_leader, trigger, id=name, name=name, replace_existing=True, args=(name, services, clients, lock)
        )
    scheduler.add_job(
        recover_if_leader,
        IntervalTrigger(seconds=int(INBOX_TICK.total_seconds()), timezone=zone),
        id="command-inbox",
        name="command-inbox",
        replace_existing=True,
        next_run_time=datetime.now(zone),  # at start: finish what a process that died left unanswered
        args=(services, clients, lock),
    )
    return scheduler


def recover_if_leader(services: Services, clients: WorkspaceClients, leader: LeaderLock) -> None:
    if not leader.is_leader():
        return
    try:
        logger.info(recover_commands(services, clients))
    except Exception:
        logger.exception("finishing unanswered commands failed")
