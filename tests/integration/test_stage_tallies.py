"""Partners per stage, kept in `stage_tally`, and active partners per stage and UTC day of entry, kept in
`stage_day`, both by triggers, equal the count of the partner rows on both engines: after the seeded portfolio,
every kind of change that moves a partner (add, advance, archive, restore, import, a failed command, journey
redesign, purge, a deleted partner), and the migrations that fill them; and the stalled counts and middle
entries read through `stage_day` equal the ones counted on the partners' index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, timedelta
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from bench.portfolio import OWNERS, build_portfolio, partner_name
from commands.context import Invocation
from commands.installs import purge_team
from commands.spreadsheet.importing import import_partners
from commands.verbs import handle
from storage import stage_tallies
from storage.migrate import downgrade, upgrade
from storage.stage_windows import PartnerFilter, count_before, middle_entries
from storage.tables import Partner, StageDay
from storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
TEAMS = ("T1", "T2")


def _assert_kept(engine: Engine) -> None:
    with Session(engine) as session:
        for team in TEAMS:
            for archived in (False, True):
                kept = stage_tallies.kept(session=session, team_id=team, archived=archived)
                assert kept == stage_tallies.counted(session=session, team_id=team, archived=archived), (team, archived)
            _assert_days_kept(session, team)


def _assert_days_kept(session: Session, team: str) -> None:
    entries = session.exec(
        select(Partner.stage, Partner.stage_entered_at).where(Partner.team_id == team, col(Partner.archived).is_(False))
    ).all()
    counted = Counter((stage, entered.astimezone(UTC).date()) for stage, entered in entries)
    rows = session.exec(select(StageDay.stage, StageDay.day, StageDay.partners).where(StageDay.team_id == team))
    assert Counter({(stage, day): partners for stage, day, partners in rows.all() if partners}) == counted, team
    whole = PartnerFilter(team)
    for stage in {stage for stage, _ in counted}:
        instants = sorted(entered for key, entered in entries if key == stage)
        for before in {*instants[:: max(1, len(instants) // 5)], NOW, NOW - timedelta(days=40, hours=5)}:
            expected = sum(1 for entered in instants if entered < before)
            assert count_before(session=session, scope=whole, stage=stage, before=before) == expected, (stage, before)
        count = len(instants)
        middle = instants[(count - 1) // 2 : (count - 1) // 2 + 2 - count % 2]
        assert middle_entries(session=session, scope=whole, stage=stage, count=count) == middle, stage


def test_every_change_that_moves_a_partner_keeps_the_stage_tally(
    engine: Engine, invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    build_portfolio(engine, team_id="T1", partners=80, now=NOW)
    build_portfolio(engine, team_id="T2", partners=20, now=NOW)
    _assert_kept(engine)
    name, other = f'"{partner_name(4)}"', f'"{partner_name(5)}"'
    steps = [
        'add "Fresh Partner" stage=attraction',
        f"advance {name}",
        f"advance {name} discovery",
        f"advance {name} nowhere",  # refused: nothing changes
        f"archive {other}",
        f"advance {other} goal",  # an archived partner cannot move
        f"restore {other}",
        f"archive {name}",
        "stages add Pilot after onboarding",
        'advance "Fresh Partner" pilot',
        "stages remove pilot move-to=support",
        "stages remove attraction",  # refused while partners are in it
        "stages template method move-to=support",
        "stages template default",
    ]
    for minutes, line in enumerate(steps, start=1):
        handle(line, invocation_for(user_id=OWNERS[0], now=NOW + timedelta(minutes=minutes)))
        _assert_kept(engine)
    sheet = tmp_path / "partners.csv"
    sheet.write_text(
        "name,stage,stage_since\n"
        f"{partner_name(6)},goal,2026-01-05\n"
        f"{partner_name(7)},discovery,2026-11-20\n"
        "Imported Partner,support,2026-10-01\n"
        "Second Import,onboarding,2026-09-01\n",
        encoding="utf-8",
    )
    report = import_partners(sheet, invocation_for(now=NOW + timedelta(hours=1)))
    assert not report.errors
    _assert_kept(engine)
    with Session(engine) as session:
        assert sum(stage_tallies.kept(session=session, team_id="T1", archived=True).values()) >= 1
        assert stage_tallies.kept(session=session, team_id="T1")["support"] >= 2
    with engine.begin() as connection:  # as a database administrator would
        connection.execute(text("DELETE FROM partner WHERE team_id = 'T1' AND id % 9 = 0"))
    _assert_kept(engine)
    purge_team(lambda: UnitOfWork(engine), "T2")
    _assert_kept(engine)
    with engine.connect() as connection:
        for table in ("stage_tally", "stage_day"):
            assert connection.execute(text(f"SELECT COUNT(*) FROM {table} WHERE team_id = 'T2'")).scalar_one() == 0


def test_the_migration_fills_the_tally_from_the_partners(engine: Engine, invocation_for: MakeInvocation) -> None:
    build_portfolio(engine, team_id="T1", partners=60, now=NOW)
    handle(f'archive "{partner_name(3)}"', invocation_for())
    downgrade(engine, "0011")
    with engine.begin() as connection:  # partners written while no trigger kept the tally
        connection.execute(text("UPDATE partner SET stage = 'goal' WHERE id % 7 = 0"))
        connection.execute(text("UPDATE partner SET archived = NOT archived WHERE id % 11 = 0"))
    upgrade(engine)
    _assert_kept(engine)
    handle('add "After Upgrade" stage=support', invocation_for())
    _assert_kept(engine)
