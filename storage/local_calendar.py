"""Where each day and quarter begins in the deployment's time zone, as UTC instants (`day_start`,
`quarter_start`): database triggers find an instant's local day or quarter here, with an index probe, on SQLite
(which has no time zones) as on PostgreSQL. The zone is written on every row; `storage.retention` rebuilds the
calendar, and everything counted in it, when a request runs in another zone."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, insert, select, text
from sqlmodel import Session

from domain.clock import start_of_local_day
from domain.retention import quarter_first_day, quarter_number
from storage.retention_tables import DayStart, QuarterStart

FIRST_YEAR, LAST_YEAR = 1900, 2199
"""The years `quarter_start` covers; an activity before them counts in quarter 0, which retention never asks about."""
FIRST_DAY = date(1970, 1, 1)
"""The first day `day_start` covers (to the end of LAST_YEAR); an instant before it is on `NO_DAY`, which is before
any day retention asks about (at most a year back)."""
NO_DAY = date(1, 1, 1)


def quarter_of(moment: str, bound: str = "starts_at") -> str:
    """SQL: the quarter of `moment`, an instant (`bound` starts_at) or a local day (starts_on)."""
    return (
        f"COALESCE((SELECT s.quarter FROM quarter_start s WHERE s.{bound} <= {moment}"
        f" ORDER BY s.{bound} DESC LIMIT 1), 0)"
    )


def day_of(moment: str) -> str:
    """SQL: the local day of the instant `moment`, NULL when it is NULL or before FIRST_DAY."""
    return f"(SELECT d.day FROM day_start d WHERE d.starts_at <= {moment} ORDER BY d.starts_at DESC LIMIT 1)"


def deployment_zone() -> str:
    """The zone the deployment runs in (PARTNERBOT_TIMEZONE, as `bot.settings` reads it), for the migration."""
    name = os.environ.get("PARTNERBOT_TIMEZONE") or "UTC"
    try:
        return str(ZoneInfo(name))
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"


def fill(connection: Connection, zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    for table in ("day_start", "quarter_start"):
        connection.execute(text(f"DELETE FROM {table}"))
    quarters = range(quarter_number(date(FIRST_YEAR, 1, 1)), quarter_number(date(LAST_YEAR, 12, 31)) + 1)
    starts = [
        {"quarter": number, "zone": zone_name, "starts_at": start_of_local_day(first, zone), "starts_on": first}
        for number in quarters
        for first in (quarter_first_day(number),)
    ]
    connection.execute(insert(QuarterStart.__table__), starts)  # type: ignore[attr-defined]
    days = (FIRST_DAY + timedelta(days=offset) for offset in range((date(LAST_YEAR + 1, 1, 1) - FIRST_DAY).days))
    if connection.dialect.name == "postgresql":
        _copy_days(connection, zone_name, days)
        return
    rows = [{"day": day, "zone": zone_name, "starts_at": start_of_local_day(day, zone)} for day in days]
    connection.execute(insert(DayStart.__table__), rows)  # type: ignore[attr-defined]


def _copy_days(connection: Connection, zone_name: str, days: Iterable[date]) -> None:
    """The 84,000 days in one COPY (an INSERT per row would take a second and a half: every migration of a
    new database, and every change of zone, waits for it)."""
    zone = ZoneInfo(zone_name)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy("COPY day_start (day, zone, starts_at) FROM STDIN") as copy:
        for day in days:
            copy.write_row((day, zone_name, start_of_local_day(day, zone)))


def kept_zone(*, session: Session) -> str | None:
    return session.execute(select(QuarterStart.zone).limit(1)).scalar_one_or_none()
