"""The audit trail's storage, on SQLite and PostgreSQL: rows commit and roll back with their change, bulk
paths (import, journey redesign) are recorded per partner, and the export walks every row once."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.services import Services
from bot.settings import Settings
from commands.audit_export import COLUMNS, export_trail
from commands.context import Invocation
from commands.spreadsheet import import_partners
from commands.verbs import handle
from domain.partner import Profile
from storage.audit_tables import AuditEntry
from storage.registry import add_partner
from storage.unit_of_work import SharedTransaction
from tests.conftest import NOW

InvocationFor = Callable[..., Invocation]


def trail(engine: Engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all())


def test_an_uncommitted_change_leaves_no_audit_row(engine: Engine, invocation_for: InvocationFor) -> None:
    invocation = invocation_for()
    with invocation.unit_of_work() as uow:
        add_partner(
            session=uow.session, team_id="T1", name="Acme", profile=Profile(), stage="discovery", now=NOW, user="U1"
        )
        uow.session.flush()
        assert [row.kind for row in trail_in(uow.session)] == ["partner.created"]
    assert trail(engine) == []


def trail_in(session: Session) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry)).all())


def test_a_rolled_back_savepoint_takes_its_audit_rows_and_keeps_the_others(
    engine: Engine, invocation_for: InvocationFor
) -> None:
    shared = SharedTransaction(engine)
    invocation = replace(invocation_for(), database=shared.unit_of_work)
    try:
        handle("add Acme", invocation)
        handle("add Globex", invocation)
        with invocation.unit_of_work() as uow:  # left without commit: its savepoint rolls back
            add_partner(
                session=uow.session, team_id="T1", name="Initech", profile=Profile(), stage="discovery", now=NOW,
                user="U1",
            )  # fmt: skip
            uow.session.flush()
        shared.commit()
    finally:
        shared.close()
    rows = trail(engine)
    assert [json.loads(row.after or "{}")["name"] for row in rows] == ["Acme", "Globex"]
    assert {(row.actor, row.surface, row.at) for row in rows} == {("U1", "command", NOW)}


def test_an_import_records_each_partner_created_or_changed_as_the_import(
    engine: Engine, invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = replace(invocation_for(user_id="import"), surface="import")
    first = tmp_path / "first.csv"
    first.write_text("name,stage,owner\nAcme,discovery,U1\nŻabka,support,\n", encoding="utf-8")
    assert import_partners(first, invocation).ok
    again = tmp_path / "again.csv"
    again.write_text("name,stage,owner\nAcme,onboarding,U1\nŻabka,support,U2\n", encoding="utf-8")
    assert import_partners(again, invocation).ok
    rows = trail(engine)
    assert [(row.kind, row.actor, row.surface) for row in rows] == [
        ("partner.created", "import", "import"),
        ("partner.created", "import", "import"),
        ("partner.moved", "import", "import"),
        ("partner.edited", "import", "import"),
    ]
    assert json.loads(rows[1].after or "")["name"] == "Żabka"
    assert (json.loads(rows[2].before or ""), json.loads(rows[2].after or ""))[0]["stage"] == "discovery"
    assert json.loads(rows[3].after or "") == {"owner": "U2"}


def test_removing_a_stage_records_each_partner_moved_out_and_the_journey_once(
    engine: Engine, invocation_for: InvocationFor
) -> None:
    invocation = invocation_for()
    for name in ("Acme", "Globex"):
        handle(f"add {name}", invocation)
        handle(f"advance {name} attraction", invocation)
    written = len(trail(engine))
    handle("stages remove attraction move-to=discovery", invocation)
    rows = trail(engine)[written:]
    moved = [row for row in rows if row.kind == "partner.moved"]
    assert sorted(row.partner_id or 0 for row in moved) == [1, 2]
    assert json.loads(moved[0].before or "") == {"stage": "attraction"}
    assert json.loads(moved[0].after or "")["stage"] == "discovery"
    redesigned = [row for row in rows if row.kind == "journey.redesigned"]
    assert len(redesigned) == 1 and json.loads(redesigned[0].after or "")["attraction"] is None


def test_the_export_walks_every_row_once_page_by_page_in_utf8_with_a_bom(
    engine: Engine, invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = invocation_for()
    other = invocation_for(team_id="T2")
    for name in ("Acme", "Ромашка", "Żabka & <Co>", "Globex", "Initech"):
        handle(f'add "{name}"', invocation)
    handle('rename Ромашка "Ромашка Плюс"', invocation)
    handle("add Hidden", other)
    path = tmp_path / "audit.csv"
    assert export_trail(path, invocation, page_rows=2) == 6
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == COLUMNS
    stored = trail(engine)
    assert [row["kind"] for row in rows] == [entry.kind for entry in stored if entry.team_id == "T1"]
    assert rows[5]["partner"] == "Ромашка Плюс" and json.loads(rows[5]["before"]) == {"name": "Ромашка"}
    assert json.loads(rows[2]["after"])["name"] == "Żabka & <Co>" and "Hidden" not in raw.decode("utf-8-sig")
    assert {row["actor"] for row in rows} == {"U1"} and rows[0]["at_local"].endswith("+01:00")


def test_a_unit_of_work_of_the_bot_itself_is_recorded_as_the_job(engine: Engine) -> None:
    services = Services(settings=Settings(_env_file=None), engine=engine, clock=lambda: NOW)
    with services.unit_of_work() as uow:
        add_partner(
            session=uow.session, team_id="T1", name="Acme", profile=Profile(), stage="discovery", now=NOW, user="job"
        )
        uow.commit()
    assert [(row.actor, row.surface, row.at) for row in trail(engine)] == [("job", "job", NOW)]


def test_a_named_setting_is_recorded_under_its_key_with_before_and_after(
    engine: Engine, invocation_for: InvocationFor
) -> None:
    invocation = invocation_for()
    handle("settings allow-shared <#C0123|partners>", invocation)
    handle("settings allow-shared=default", invocation)
    rows = [(row.kind, json.loads(row.before or "{}"), json.loads(row.after or "{}")) for row in trail(engine)]
    assert rows == [
        ("settings.changed", {}, {"allow-shared": "C0123:partners"}),
        ("settings.changed", {"allow-shared": "C0123:partners"}, {"allow-shared": None}),
    ]
