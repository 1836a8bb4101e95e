"""Retention read from each partner's kept newest activity equals retention computed from every history row,
on both engines: on a seeded portfolio, and after changes that move the kept figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bench.portfolio import OWNERS, build_portfolio, partner_name
from commands.context import Invocation
from commands.verbs import handle
from domain.clock import start_of_local_day
from storage.journey_tables import Touchpoint
from storage.retention import Window, ensure_zone, quiet_partners, retention_counts
from storage.tables import Feedback, KpiValue, Partner, StageMove
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
ZONE = ZoneInfo("Europe/Warsaw")
THIS = (date(2026, 10, 1), date(2027, 1, 1))
LAST = (date(2026, 7, 1), date(2026, 10, 1))
FOREVER = datetime(9999, 1, 1, tzinfo=ZONE)


def _window(days: tuple[date, date]) -> Window:
    return start_of_local_day(days[0], ZONE), start_of_local_day(days[1], ZONE), days[0], days[1]


def _history(session: Session) -> dict[int, list[datetime | date]]:
    """Every dated activity of every partner of T1: instants for moves and feedback, days for the others."""
    found: dict[int, list[datetime | date]] = defaultdict(list)
    for partner_id, when in [
        *session.exec(select(StageMove.partner_id, StageMove.moved_at).where(StageMove.team_id == "T1")).all(),
        *session.exec(select(Feedback.partner_id, Feedback.recorded_at).where(Feedback.team_id == "T1")).all(),
        *session.exec(select(KpiValue.partner_id, KpiValue.on_date).where(KpiValue.team_id == "T1")).all(),
        *session.exec(select(Touchpoint.partner_id, Touchpoint.on_date).where(Touchpoint.team_id == "T1")).all(),
    ]:
        found[partner_id].append(when)
    return found


def _inside(when: datetime | date, window: Window) -> bool:
    start, end, start_day, end_day = window
    return start <= when < end if isinstance(when, datetime) else start_day <= when < end_day


def _assert_from_scratch(engine: Engine, quiet_days: int) -> None:
    before, after = _window(LAST), _window(THIS)
    since_day = NOW.astimezone(ZONE).date() - timedelta(days=quiet_days - 1)
    since = _window((since_day, since_day))
    with Session(engine) as session:
        if ensure_zone(session=session, zone=ZONE):  # kept in the migration's zone (UTC) until asked in Warsaw's
            session.commit()
        history = _history(session)
        active = session.exec(select(Partner).where(Partner.team_id == "T1", col(Partner.archived).is_(False))).all()
        was = {p.id for p in active if any(_inside(when, before) for when in history[p.id or 0])}
        now = {p.id for p in active if any(_inside(when, after) for when in history[p.id or 0])}
        expected = (len(was), len(now), len(was & now))
        assert retention_counts(session=session, team_id="T1", before=before, after=after) == expected
        quiet = sorted(
            (
                p
                for p in active
                if not any(_inside(when, (since[0], FOREVER, since_day, date.max)) for when in history[p.id or 0])
            ),
            key=lambda p: (p.stage_entered_at, p.name_key),
        )
        listed, total = quiet_partners(session=session, team_id="T1", since=since[0], since_day=since_day, limit=20)
    assert total == len(quiet)
    assert [p.id for p in listed] == [p.id for p in quiet[:20]]
    assert 0 < expected[2] < expected[0]


@pytest.fixture
def portfolio(engine: Engine) -> Engine:
    build_portfolio(engine, team_id="T1", partners=400, now=NOW)
    build_portfolio(engine, team_id="T2", partners=40, now=NOW)
    return engine


def test_retention_from_the_kept_activity_equals_the_count_over_every_history_row(
    portfolio: Engine, invocation_for: MakeInvocation
) -> None:
    for days in (1, 45, 120, 365):
        _assert_from_scratch(portfolio, days)
    steps = [
        f'kpi "{partner_name(3)}" leads=2 on=2026-08-14',  # a day last quarter
        f'kpi "{partner_name(4)}" leads=1 on=2026-11-20',
        f'log "{partner_name(5)}" call on=2026-09-30',  # the last day of Q3, in Warsaw
        f'log "{partner_name(6)}" meeting on=2026-10-01',
        f'advance "{partner_name(7)}"',
        f'feedback "{partner_name(8)}" csat=5',
        f'archive "{partner_name(9)}"',
        f'kpi "{partner_name(4)}" undo',
        'add "Brand New"',
    ]
    for minutes, line in enumerate(steps, start=1):
        handle(line, invocation_for(user_id=OWNERS[0], now=NOW + timedelta(minutes=minutes)))
        _assert_from_scratch(portfolio, 45)
