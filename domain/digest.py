"""Which weekly digest run is due: its week, and whether it was missed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.schedule import WeeklySchedule, latest_due, week_key

GRACE = timedelta(hours=12)
"""How late a run may still be posted; a run missed by more (the bot was down) is skipped, not posted days late."""


@dataclass(frozen=True)
class DigestRun:
    due: datetime
    key: str
    """The ISO week of the run in the workspace's calendar: the idempotency key that makes it post once."""
    missed: bool


def latest_run(schedule: WeeklySchedule, now: datetime, zone: ZoneInfo) -> DigestRun:
    """The most recent scheduled run at or before `now`."""
    due = latest_due(schedule, now, zone)
    return DigestRun(due, week_key(due, zone), missed=now - due > GRACE)
