"""Each partner's last activity, kept on its row with every change, equals the one computed from the history,
on both engines: after the seeded portfolio, each kind of change, an undo, an import, and the migration."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bench.portfolio import OWNERS, build_portfolio, partner_name
from commands.context import Invocation
from commands.spreadsheet.importing import import_partners
from commands.verbs import handle
from storage import activity, dated_activity
from storage.migrate import downgrade, upgrade
from storage.tables import Partner
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
SIZE = 60


def _stored_and_computed(engine: Engine) -> tuple[dict[int, object], dict[int, object]]:
    with Session(engine) as session:
        partners = session.exec(select(Partner).order_by(col(Partner.id))).all()
        stored = {p.id: (p.last_activity_kind, p.last_activity_at) for p in partners if p.last_activity_at}
        computed = activity.computed(session=session, partner_ids=[p.id for p in partners if p.id is not None])
    return stored, dict(computed)


def _dated_stored_and_computed(engine: Engine) -> tuple[dict[int, object], dict[int, object]]:
    with Session(engine) as session:
        partners = session.exec(select(Partner).order_by(col(Partner.id))).all()
        stored = {p.id: (p.last_event_at, p.last_event_on) for p in partners if p.last_event_at or p.last_event_on}
        computed = dated_activity.computed(session=session, partner_ids=[p.id for p in partners if p.id is not None])
    return stored, dict(computed)


def _assert_kept(engine: Engine) -> None:
    stored, computed = _stored_and_computed(engine)
    assert stored == computed
    dated_stored, dated_computed = _dated_stored_and_computed(engine)
    assert dated_stored == dated_computed


@pytest.fixture
def portfolio(engine: Engine) -> Engine:
    build_portfolio(engine, team_id="T1", partners=SIZE, now=NOW)
    return engine


def test_every_kind_of_change_keeps_the_last_activity(
    portfolio: Engine, invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    _assert_kept(portfolio)
    name = f'"{partner_name(4)}"'
    steps = [
        f"advance {name}",
        f"feedback {name} csat=4 nps=9",
        f"kpi {name} leads=3 on=2025-01-02",
        f"kpi {name} undo",
        f"kpi {name} undo",  # none of this user's left: refused, nothing changes
        'add "Fresh Partner"',
        f"feedback {name} csat=2",
        f'kpi "{partner_name(5)}" deals=1',
        f'kpi "{partner_name(5)}" undo',
        f'log "{partner_name(9)}" meeting on=2024-03-01',  # a touchpoint for a day long ago: the newest day stays
        f'log "{partner_name(9)}" call on=2026-11-20',
        f'kpi "{partner_name(8)}" leads=2 on=2026-11-21',
        f'kpi "{partner_name(8)}" leads=1 on=2025-06-01',
        f'kpi "{partner_name(8)}" undo',  # back to the 21 November entry
        f'kpi "{partner_name(8)}" undo',  # nothing dated left from this user
        "stages add review after support",
        "stages remove support move-to=review",  # everyone in support moves at once
    ]
    for minutes, line in enumerate(steps, start=1):
        handle(line, invocation_for(user_id=OWNERS[0], now=NOW + timedelta(minutes=minutes)))
        _assert_kept(portfolio)
    with Session(portfolio) as session:
        fresh = session.exec(select(Partner).where(Partner.name == "Fresh Partner")).one()
        moved = session.exec(select(Partner).where(Partner.name == partner_name(4))).one()
    assert fresh.last_activity_kind == activity.MOVE
    assert moved.last_activity_kind == activity.FEEDBACK
    sheet = tmp_path / "partners.csv"
    sheet.write_text(
        "name,stage,stage_since\n"
        f"{partner_name(6)},goal,2026-01-05\n"  # a move dated in the past: the last activity may stay newer
        f"{partner_name(7)},discovery,2026-11-20\n"
        "Imported Partner,review,2026-10-01\n",
        encoding="utf-8",
    )
    report = import_partners(sheet, invocation_for(now=NOW + timedelta(hours=1)))
    assert not report.errors
    _assert_kept(portfolio)


def test_ties_go_to_the_stage_move_then_feedback(engine: Engine, invocation_for: MakeInvocation) -> None:
    at = invocation_for(now=NOW)
    handle('add "Tied"', at)
    handle('kpi "Tied" leads=1', at)
    handle('feedback "Tied" csat=3', at)
    _assert_kept(engine)
    handle('advance "Tied"', invocation_for(now=NOW + timedelta(days=1)))
    handle('kpi "Tied" leads=1', invocation_for(now=NOW + timedelta(days=1)))
    _assert_kept(engine)


def test_the_active_count_is_the_partners_active_since(portfolio: Engine) -> None:
    since = NOW - timedelta(days=30)
    _, computed = _stored_and_computed(portfolio)
    with Session(portfolio) as session:
        archived = set(session.exec(select(Partner.id).where(col(Partner.archived).is_(True))).all())
        counted = activity.count_active(session=session, team_id="T1", since=since)
    expected = sum(1 for pid, (_, when) in computed.items() if when >= since and pid not in archived)  # type: ignore[misc]
    assert counted == expected > 0


def test_the_migration_fills_the_last_activity_from_the_history(portfolio: Engine) -> None:
    downgrade(portfolio, "0010")
    upgrade(portfolio)
    _assert_kept(portfolio)
