"""The digest's KPI figures (its 12-week trend, this week and the week before) from one read of the daily sums."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session

from commands.replies import TrendWeek
from storage.kpi_rollups import daily_totals

TREND_WEEKS = 12

KpiRows = list[tuple[date, str, Decimal]]


def kpi_days(session: Session, team_id: str, today: date) -> KpiRows:
    """The daily KPI sums the digest reads (its trend, this week and the week before), in one query."""
    first = min(_trend_start(today), today - timedelta(days=13))
    return daily_totals(session=session, team_id=team_id, start=first, end=today + timedelta(days=1))


def _trend_start(today: date) -> date:
    return today - timedelta(days=today.weekday()) - timedelta(weeks=TREND_WEEKS - 1)


def weekly_trend(rows: KpiRows, today: date) -> tuple[TrendWeek, ...]:
    first = _trend_start(today)
    sums: dict[date, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for day, metric, total in rows:
        if first <= day <= today:
            sums[day - timedelta(days=day.weekday())][metric] += total
    weeks = [first + timedelta(weeks=n) for n in range(TREND_WEEKS)]
    return tuple(
        TrendWeek(week, int(sums[week]["leads"]), int(sums[week]["deals"]), sums[week]["revenue"]) for week in weeks
    )


def kpi_week(rows: KpiRows, end: date) -> dict[str, Decimal]:
    """Sums per metric over the seven days before `end`."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for day, metric, total in rows:
        if end - timedelta(days=7) <= day < end:
            totals[metric] += total
    return dict(totals)
