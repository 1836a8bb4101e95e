"""The per-group tallies behind `kpis by GROUP` and `kpis FIELD=VALUE` always equal the same figures computed
from scratch over the partners (`storage.breakdowns`, the query they replace), on both engines: after random
sequences of writes through every path that moves them (add, profile edits and owner handover, stage moves,
archive and restore, feedback, KPI entry and undo, touchpoints, CSV import, journey redesign, purge), at the
edge of the 30-day activity window, and after the migration fills them from existing rows."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text
from sqlmodel import Session

from bench.portfolio import OWNERS, build_portfolio, partner_name
from commands.context import Invocation
from commands.installs import purge_team
from commands.spreadsheet.importing import import_partners
from commands.verbs import handle
from domain.breakdowns import GROUPINGS
from domain.partner import PARTNER_SIZES, PARTNER_SOURCES, PARTNER_TYPES
from storage import activity, breakdowns, group_tallies
from storage.digest import move_counts
from storage.migrate import downgrade, upgrade
from storage.registrations import registered_between
from storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
FRESH = ("Fresh One", "Fresh Two", "Fresh Three")
NAMES = (*(partner_name(n) for n in range(8)), *FRESH)
VALUES: dict[str, tuple[str, ...]] = {
    "type": (*PARTNER_TYPES[:4], ""),
    "size": (*PARTNER_SIZES, ""),
    "segment": ("retail", "banking", ""),
    "source": (*PARTNER_SOURCES[:3], ""),
    "owner": (f"<@{OWNERS[0]}>", f"<@{OWNERS[1]}>", f"<@{OWNERS[2]}>", ""),
    "alliance": ("before", "chain", "hydra", ""),
}
WARSAW = ZoneInfo("Europe/Warsaw")
PERIODS = (
    (datetime(2026, 11, 1, tzinfo=WARSAW), datetime(2026, 12, 1, tzinfo=WARSAW)),  # this month, local
    (datetime(2026, 10, 1, tzinfo=WARSAW), datetime(2027, 1, 1, tzinfo=WARSAW)),  # this quarter, across DST
    (datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 24, tzinfo=UTC)),  # one whole UTC day
    (NOW - timedelta(hours=3), NOW + timedelta(days=3, hours=1)),  # no midnight at either edge
    (NOW - timedelta(minutes=5), NOW + timedelta(minutes=50)),  # inside one day
)


def _rounded(totals: dict[Any, dict[str, Decimal]]) -> dict[Any, dict[str, Decimal]]:
    return {group: {k: Decimal(v).quantize(Decimal("0.01")) for k, v in m.items()} for group, m in totals.items()}


def _said(by_group: dict[Any, tuple[Decimal | None, int, int, int]]) -> dict[Any, tuple[Decimal | None, int, int, int]]:
    """A group whose answers gave neither CSAT nor NPS reads as one without answers (the reply shows the same)."""
    return {group: said for group, said in by_group.items() if said != (None, 0, 0, 0)}


def _boundaries(session: Session, team_id: str) -> list[datetime]:
    """The moment 30 days ago, and the instants where the window's edge matters: a partner's last activity
    itself, a microsecond after it, and the midnights around it."""
    rows = session.execute(
        text("SELECT last_activity_at FROM partner WHERE team_id = :t AND last_activity_at IS NOT NULL LIMIT 4"),
        {"t": team_id},
    ).all()
    found = [NOW - timedelta(days=30)]
    for (raw,) in rows:
        when = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        midnight = datetime.combine(when.date(), time(), tzinfo=UTC)
        found += [when, when + timedelta(microseconds=1), midnight, midnight + timedelta(days=1)]
    return found


def assert_tallies_equal_the_partners(engine: Engine, team_id: str = "T1") -> None:
    with Session(engine) as session:
        scopes: list[tuple[str | None, dict[str, str]]] = [(field, {}) for field in GROUPINGS]
        for field in GROUPINGS:
            scopes += [(None, {field: value}) for value in VALUES.get(field, ("discovery", "support")) if value]
        scopes += _pair_scopes()
        scopes = [(f, {k: v.strip("<@>") for k, v in filters.items()}) for f, filters in scopes]
        for field, filters in scopes:
            scope: dict[str, Any] = {"session": session, "team_id": team_id, "field": field, "filters": filters}
            assert group_tallies.serves(field, filters)
            kept, counted = group_tallies.partner_counts(**scope), breakdowns.partner_counts(**scope)
            assert list(kept.items()) == list(counted.items()), (field, filters)
            assert _rounded(group_tallies.kpi_totals(**scope)) == _rounded(breakdowns.kpi_totals(**scope))
            assert _said(group_tallies.satisfaction(**scope)) == _said(breakdowns.satisfaction(**scope)), field
            for since in _boundaries(session, team_id)[:3]:
                kept_active = group_tallies.active_counts(**scope, since=since)
                assert kept_active == breakdowns.active_counts(**scope, since=since), (field, filters, since)
        for since in _boundaries(session, team_id):
            program = group_tallies.active_partners(session=session, team_id=team_id, since=since)
            assert program == activity.counted_active(session=session, team_id=team_id, since=since), since
        for start, end in PERIODS:
            kept = registered_between(session=session, team_id=team_id, start=start, end=end)
            assert kept == move_counts(session=session, team_id=team_id, start=start, end=end)[0], (start, end)
    _assert_no_drift(engine)


def _pair_scopes() -> list[tuple[str | None, dict[str, str]]]:
    """A grouping with a filter on each field (its own included), and every two filters, read from the pair
    tallies (`kpis by type stage=support`, `kpis type=reseller owner=@anna`); the values rotate so that most
    scopes select some partners and some select none."""
    def value(field: str, turn: int) -> str:
        values = [v for v in VALUES.get(field, ("discovery", "support")) if v]
        return values[turn % len(values)]

    scopes: list[tuple[str | None, dict[str, str]]] = []
    for turn, (field, other) in enumerate(itertools.product(GROUPINGS, GROUPINGS)):
        scopes.append((field, {other: value(other, turn)}))
    for turn, (one, other) in enumerate(itertools.combinations(GROUPINGS, 2)):
        scopes.append((None, {other: value(other, turn), one: value(one, turn + 1)}))
    return scopes


def _assert_no_drift(engine: Engine) -> None:
    """Every kept row equals the tallies counted afresh from every row (compared inside a rolled-back fill)."""
    queries = {
        "group_tally": "SELECT team_id, field, value, partners, csat_sum, csat_answers, promoters, detractors,"
        " nps_answers FROM group_tally WHERE partners <> 0 OR csat_answers <> 0 OR nps_answers <> 0",
        "group_kpi_tally": "SELECT team_id, field, value, metric, ROUND(total, 2), totals FROM group_kpi_tally"
        " WHERE totals <> 0",
        "group_activity_day": "SELECT team_id, field, value, day, partners FROM group_activity_day"
        " WHERE partners <> 0",
        "registration_day": "SELECT team_id, day, partners FROM registration_day WHERE partners <> 0",
    }
    with engine.connect() as connection:
        transaction = connection.begin()
        kept = {name: sorted(map(tuple, connection.execute(text(q)).all())) for name, q in queries.items()}
        group_tallies.fill(connection)
        fresh = {name: sorted(map(tuple, connection.execute(text(q)).all())) for name, q in queries.items()}
        transaction.rollback()
    for name in queries:
        assert kept[name] == fresh[name], name


@st.composite
def writes(draw: Any) -> str:
    name = f'"{draw(st.sampled_from(NAMES))}"'
    kind = draw(st.sampled_from(
        ("add", "set", "set", "advance", "archive", "restore", "feedback", "kpi", "kpi", "undo", "log")
    ))
    if kind == "add":
        field = draw(st.sampled_from(tuple(VALUES)))
        return f'add "{draw(st.sampled_from(FRESH))}" {field}="{draw(st.sampled_from(VALUES[field]))}"'
    if kind == "set":
        fields = draw(st.lists(st.sampled_from(tuple(VALUES)), min_size=1, max_size=3, unique=True))
        return f"set {name} " + " ".join(f'{f}="{draw(st.sampled_from(VALUES[f]))}"' for f in fields)
    if kind == "advance":
        stage = draw(st.sampled_from(("", "discovery", "attraction", "support", "goal")))
        return f"advance {name} {stage}".strip()
    if kind == "feedback":
        csat, nps = draw(st.integers(0, 5)), draw(st.integers(-1, 10))
        said = (f" csat={csat}" if csat else "") + (f" nps={nps}" if nps >= 0 else "")
        return f"feedback {name}{said or ' csat=3'}"
    if kind == "kpi":
        day = draw(st.sampled_from(("", " on=2026-10-24", " on=2026-11-20")))
        return f"kpi {name} leads={draw(st.integers(0, 9))} revenue={draw(st.integers(0, 5000))}{day}"
    if kind == "undo":
        return f"kpi {name} undo"
    if kind == "log":
        return f"log {name} call on={draw(st.sampled_from(('2026-10-24', '2026-10-25', '2026-11-22')))}"
    return f"{kind} {name}"


@pytest.fixture
def portfolio(engine: Engine) -> Engine:
    build_portfolio(engine, team_id="T1", partners=40, now=NOW)
    build_portfolio(engine, team_id="T2", partners=15, now=NOW)
    return engine


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(writes(), max_size=12))
def test_tallies_equal_the_partners_after_random_writes_through_every_path(
    portfolio: Engine, invocation_for: MakeInvocation, steps: list[str]
) -> None:
    for minutes, line in enumerate(steps, start=1):
        user = OWNERS[minutes % 2]
        handle(line, invocation_for(user_id=user, now=NOW + timedelta(days=minutes % 3, minutes=minutes)))
    assert_tallies_equal_the_partners(portfolio)
    assert_tallies_equal_the_partners(portfolio, "T2")


def test_bulk_paths_import_journey_redesign_and_purge_keep_the_tallies(
    portfolio: Engine, invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    assert_tallies_equal_the_partners(portfolio)
    sheet = tmp_path / "partners.csv"
    sheet.write_text(
        "name,stage,stage_since,owner,segment,type,alliance\n"
        f"{partner_name(1)},goal,2026-01-05,{OWNERS[3]},retail,reseller,chain\n"
        f"{partner_name(2)},discovery,2026-11-20,,,agency,\n"
        "Imported Partner,support,2026-10-01,U0OWNER01,banking,reseller,hydra\n"
        "Second Import,onboarding,2026-09-01,,,,\n",
        encoding="utf-8",
    )
    assert not import_partners(sheet, invocation_for(now=NOW + timedelta(hours=1))).errors
    assert_tallies_equal_the_partners(portfolio)
    for minutes, line in enumerate(
        (
            "stages add Pilot after onboarding",
            f'advance "{partner_name(3)}" pilot',
            "stages remove pilot move-to=support",
            "stages template method move-to=support",
            "stages template default",
        ),
        start=1,
    ):
        handle(line, invocation_for(user_id=OWNERS[0], now=NOW + timedelta(hours=2, minutes=minutes)))
        assert_tallies_equal_the_partners(portfolio)
    purge_team(lambda: UnitOfWork(portfolio), "T2")
    assert_tallies_equal_the_partners(portfolio)
    assert_tallies_equal_the_partners(portfolio, "T2")
    with portfolio.connect() as connection:
        for table in group_tallies.TABLES:
            rows = connection.execute(text(f"SELECT COUNT(*) FROM {table} WHERE team_id = 'T2'")).scalar_one()
            assert rows == 0, table


def test_the_migration_fills_the_tallies_and_its_downgrade_removes_them(
    portfolio: Engine, invocation_for: MakeInvocation
) -> None:
    handle(f'archive "{partner_name(3)}"', invocation_for())
    downgrade(portfolio, "0017")
    with portfolio.begin() as connection:  # written while no trigger kept the tallies
        connection.execute(text("UPDATE partner SET type = 'agency', owner = NULL WHERE id % 5 = 0"))
        connection.execute(text("DELETE FROM feedback WHERE id % 3 = 0"))
    upgrade(portfolio)
    assert_tallies_equal_the_partners(portfolio)
    handle(f'set "{partner_name(4)}" type=reseller', invocation_for())
    assert_tallies_equal_the_partners(portfolio)


def test_the_pairs_migration_downgrades_to_single_fields_and_upgrades_again(
    portfolio: Engine, invocation_for: MakeInvocation
) -> None:
    downgrade(portfolio, "0021")
    with portfolio.connect() as connection:
        fields = {row[0] for row in connection.execute(text("SELECT DISTINCT field FROM group_tally")).all()}
    assert fields == {*GROUPINGS, "all"}
    handle(f'set "{partner_name(4)}" type=reseller segment="a very long segment name for the pairs"',
           invocation_for())
    with portfolio.connect() as connection:  # the 0019 triggers are back: no pair rows written
        pairs = connection.execute(text("SELECT COUNT(*) FROM group_tally WHERE field LIKE '%+%'")).scalar_one()
    assert pairs == 0
    upgrade(portfolio)
    handle(f'advance "{partner_name(4)}" support', invocation_for())
    assert_tallies_equal_the_partners(portfolio)
