"""The figures retention reads — each team's active and retained partners per quarter, and its partners per newest
day of activity — equal the same figures computed from every partner's history, on both engines: after random
sequences of writes through every path that moves them (add, advance, feedback, a KPI entry and its undo, a
touchpoint, archive and restore, the CSV import, the journey redesign's bulk move, purge), at instants around
quarter boundaries, with requests in several time zones (the figures are rebuilt for the zone a request runs
in), and after the migration fills them."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session, col

from bench.portfolio import OWNERS, build_portfolio, partner_name
from commands.context import Invocation
from commands.installs import purge_team
from commands.spreadsheet.importing import import_partners
from commands.verbs import handle
from domain.clock import local_date, start_of_local_day
from domain.retention import quarter_first_day, quarter_number
from storage import local_calendar, newest_days, quarter_activity
from storage.migrate import downgrade, upgrade
from storage.retention import active_between, count_quiet, ensure_zone, retention_counts
from storage.tables import Partner
from storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
TEAMS = ("T1", "T2")
ZONES = ("Europe/Warsaw", "UTC", "America/Los_Angeles", "Pacific/Kiritimati")
"""+1/+2 with summer time, none, -8/-7, and +14: an instant near a quarter's start falls on either side."""
MOMENTS = (
    datetime(2026, 9, 30, 21, 30, tzinfo=UTC),  # already 1 October in Warsaw, still Q3 in UTC
    datetime(2026, 10, 1, 3, 0, tzinfo=UTC),  # Q4 in UTC, still 30 September in Los Angeles
    datetime(2026, 6, 30, 11, 0, tzinfo=UTC),  # 1 July at Kiritimati
    NOW,
)
QUARTERS = range(quarter_number(date(2025, 1, 1)), quarter_number(date(2027, 1, 1)))
PARTNERS = 30


def _from_scratch(session: Session, team_id: str, quarter: int, zone: ZoneInfo) -> tuple[int, int, int]:
    """Partners not archived active in the quarter before, in the quarter, in both: a probe per kind of activity
    into every partner's history (`storage.retention.active_between`, the command's query before the tallies)."""

    def window(number: int) -> tuple[datetime, datetime, date, date]:
        first, following = quarter_first_day(number), quarter_first_day(number + 1)
        return start_of_local_day(first, zone), start_of_local_day(following, zone), first, following

    before, now = active_between(*window(quarter - 1)), active_between(*window(quarter))
    partners = (col(Partner.team_id) == team_id, col(Partner.archived).is_(False))

    def count(*conditions: object) -> int:
        query = select(func.count()).select_from(Partner).where(*partners, *conditions)
        return int(session.execute(query).scalar_one())

    return count(before), count(now), count(before, now)


def _assert_kept(engine: Engine, zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    with Session(engine) as session:
        if ensure_zone(session=session, zone=zone):
            session.commit()
        for team in TEAMS:
            for quarter in QUARTERS:
                kept = quarter_activity.kept(session=session, team_id=team, quarter=quarter)
                assert kept == _from_scratch(session, team, quarter, zone), (team, quarter, zone_name)
            for day in [date(2026, 6, 30) + timedelta(days=step) for step in range(0, 200, 13)]:
                quiet = newest_days.quiet_since(session=session, team_id=team, day=day)
                since = start_of_local_day(day, zone)
                assert quiet == count_quiet(session=session, team_id=team, since=since, since_day=day), (team, day)
            today = local_date(NOW, zone)
            this = quarter_number(today)
            windows = [(start_of_local_day(quarter_first_day(q), zone), start_of_local_day(quarter_first_day(q + 1),
                        zone), quarter_first_day(q), quarter_first_day(q + 1)) for q in (this - 1, this)]  # fmt: skip
            counted = retention_counts(session=session, team_id=team, before=windows[0], after=windows[1])
            assert quarter_activity.kept(session=session, team_id=team, quarter=this) == counted


NAMES = itertools.count(1)


def _step(kind: str, number: int, moment: datetime, zone: str, days_back: int, tmp_path: Path, engine: Engine) -> None:
    invocation = Invocation("T1", OWNERS[0], moment, ZoneInfo(zone), lambda: UnitOfWork(engine))
    name = f'"{partner_name(number)}"'
    day = (local_date(moment, ZoneInfo(zone)) - timedelta(days=days_back)).isoformat()
    lines = {
        "add": [f'add "Fresh {next(NAMES)}" stage=attraction'],
        "advance": [f"advance {name}"],
        "back": [f"advance {name} discovery"],
        "feedback": [f"feedback {name} csat=4"],
        "kpi": [f"kpi {name} leads=2 on={day}"],
        "undo": [f"kpi {name} leads=1 on={day}", f"kpi {name} undo", f"kpi {name} undo"],
        "touchpoint": [f"log {name} call on={day}"],
        "archive": [f"archive {name}"],
        "restore": [f"restore {name}"],
        "redesign": [
            "stages add Pilot after onboarding", f"advance {name} pilot", "stages remove pilot move-to=support"
        ],
        "retention": ["retention"],
    }
    if kind == "import":
        sheet = tmp_path / "partners.csv"
        sheet.write_text(
            f"name,stage,stage_since\n{partner_name(number)},goal,{day}\nImported {next(NAMES)},support,{day}\n",
            encoding="utf-8",
        )
        assert not import_partners(sheet, invocation).errors
        return
    for line in lines[kind]:
        handle(line, invocation)


KINDS = ("add", "advance", "back", "feedback", "kpi", "undo", "touchpoint", "archive", "restore", "redesign",
         "retention", "import")  # fmt: skip
STEPS = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(min_value=0, max_value=PARTNERS - 1),
        st.sampled_from(MOMENTS),
        st.integers(min_value=-180, max_value=180),
        st.sampled_from(ZONES),
        st.integers(min_value=0, max_value=120),
    ),
    min_size=1,
    max_size=8,
)


def test_the_kept_retention_figures_equal_the_history_after_any_writes(
    engine: Engine, invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    build_portfolio(engine, team_id="T1", partners=PARTNERS, now=NOW)
    build_portfolio(engine, team_id="T2", partners=10, now=NOW)
    _assert_kept(engine, "Europe/Warsaw")

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(steps=STEPS, check_in=st.sampled_from(ZONES))
    def writes_keep_the_figures(steps: list[tuple[str, int, datetime, int, str, int]], check_in: str) -> None:
        for kind, number, moment, minutes, zone, days_back in steps:
            _step(kind, number, moment + timedelta(minutes=minutes), zone, days_back, tmp_path, engine)
        with Session(engine) as session:
            kept_in = local_calendar.kept_zone(session=session)
        assert kept_in is not None
        _assert_kept(engine, kept_in)  # as the triggers kept them, before any rebuild
        _assert_kept(engine, check_in)

    writes_keep_the_figures()
    purge_team(lambda: UnitOfWork(engine), "T2")
    _assert_kept(engine, "Europe/Warsaw")
    with engine.connect() as connection:
        for table in ("partner_quarter", "quarter_tally", "newest_day_tally"):
            assert connection.execute(text(f"SELECT COUNT(*) FROM {table} WHERE team_id = 'T2'")).scalar_one() == 0


def test_the_migration_fills_the_figures_from_the_history(engine: Engine, invocation_for: MakeInvocation) -> None:
    build_portfolio(engine, team_id="T1", partners=60, now=NOW)
    build_portfolio(engine, team_id="T2", partners=10, now=NOW)
    handle(f'archive "{partner_name(3)}"', invocation_for(user_id=OWNERS[0]))
    downgrade(engine, "0017")
    with engine.begin() as connection:  # history written while no trigger kept the figures
        connection.execute(text("DELETE FROM kpi_value WHERE id % 5 = 0"))
        connection.execute(text("UPDATE partner SET archived = NOT archived WHERE id % 11 = 0"))
    upgrade(engine)
    _assert_kept(engine, "Europe/Warsaw")
    handle('add "After Upgrade" stage=support', invocation_for(user_id=OWNERS[0]))
    _assert_kept(engine, "America/Los_Angeles")


def test_deleted_partners_take_their_quarters_out_of_the_figures(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    """As a database administrator would delete them, one and several in a statement, archived ones too; the
    history goes with them by its keys."""
    build_portfolio(engine, team_id="T1", partners=20, now=NOW)
    build_portfolio(engine, team_id="T2", partners=5, now=NOW)
    handle(f'archive "{partner_name(4)}"', invocation_for(user_id=OWNERS[0]))
    with engine.begin() as connection:
        ids = connection.execute(text("SELECT id FROM partner WHERE team_id = 'T1' ORDER BY id")).scalars().all()
        connection.execute(text("DELETE FROM partner WHERE id = :id"), {"id": ids[0]})
        several = {"a": ids[3], "b": ids[4], "c": ids[9]}
        connection.execute(text("DELETE FROM partner WHERE id IN (:a, :b, :c)"), several)
        left = connection.execute(text("SELECT COUNT(*) FROM partner_quarter WHERE partner_id = :id"), {"id": ids[9]})
        assert left.scalar_one() == 0
    _assert_kept(engine, "Europe/Warsaw")


@pytest.mark.parametrize("zone", ["Europe/Warsaw", "Pacific/Kiritimati"])
def test_a_request_in_another_zone_rebuilds_the_figures_for_it(engine: Engine, zone: str) -> None:
    build_portfolio(engine, team_id="T1", partners=20, now=NOW)
    with Session(engine) as session:
        assert ensure_zone(session=session, zone=ZoneInfo(zone))
        session.commit()
        assert not ensure_zone(session=session, zone=ZoneInfo(zone))
        zones = session.execute(text("SELECT DISTINCT zone FROM quarter_start")).scalars().all()
        assert zones == [zone]
    _assert_kept(engine, zone)


def test_start_up_keeps_the_figures_in_the_deployments_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.settings import Settings
    from bot.startup import open_services

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'zoned.db'}")
    for zone in ("Europe/Warsaw", "Asia/Kolkata"):
        monkeypatch.setenv("PARTNERBOT_TIMEZONE", zone)
        services = open_services(Settings(_env_file=None))
        with Session(services.engine) as session:
            assert local_calendar.kept_zone(session=session) == zone
        services.engine.dispose()
