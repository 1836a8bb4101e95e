"""Time arithmetic on instants that the caller supplies; the domain never reads the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times must carry a time zone")
    return moment


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    return require_aware(moment).astimezone(zone).date()


def days_between(start: datetime, now: datetime, zone: ZoneInfo) -> int:
    """Calendar days from `start` to `now` in the workspace's zone, so DST shifts never skew a count."""
    return max(0, (local_date(now, zone) - local_date(start, zone)).days)


def start_of_local_day(day: date, zone: ZoneInfo) -> datetime:
    """Midnight of `day` in `zone`, as a UTC instant (for stage dates read from spreadsheets)."""
    return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
