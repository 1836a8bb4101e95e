"""When a partner counts as stalled, as an instant a query can compare with, and the order stalled lists use."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.clock import local_date, start_of_local_day
from domain.journey import Stage


def stall_cutoff(stage: Stage, now: datetime, zone: ZoneInfo) -> datetime | None:
    """Partners of `stage` that entered it before this instant are stalled (see `is_stalled`); None: never.

    Stalled means more local calendar days in the stage than its threshold, i.e. the local day it was
    entered lies before today − threshold.
    """
    if stage.stall_threshold_days is None:
        return None
    return start_of_local_day(local_date(now, zone) - timedelta(days=stage.stall_threshold_days), zone)


def entered_day(entered_at: datetime, now: datetime, zone: ZoneInfo) -> date:
    """The local day a partner entered its stage, never after today (days in stage are never negative)."""
    return min(local_date(entered_at, zone), local_date(now, zone))
