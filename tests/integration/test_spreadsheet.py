"""The spreadsheet hand-over, on SQLite and PostgreSQL: CSV import (all-or-nothing) and export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func
from sqlmodel import col, select

from commands.context import Invocation
from commands.registry import partners as registry
from commands.registry.parse import Advance, Archive
from commands.spreadsheet import ERRORS_SHOWN, ImportReport, export_partners, import_partners
from commands.spreadsheet.columns import COLUMNS, EXPORT_COLUMNS
from domain.partner import Profile
from storage import bulk
from storage.registry import find_partner, recent_moves
from storage.tables import StageMove

InvocationFor = Callable[..., Invocation]


def sheet(tmp_path: Path, text: str, *, name: str = "partners.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def stored(invocation: Invocation) -> dict[str, bulk.PartnerValues]:
    with invocation.unit_of_work() as uow:
        partners = bulk.team_partners(session=uow.session, team_id=invocation.team_id)
    return {partner.values.name: partner.values for partner in partners.values()}


def history(invocation: Invocation, name: str) -> list[StageMove]:
    """The partner's moves, oldest first."""
    with invocation.unit_of_work() as uow:
        partner = find_partner(session=uow.session, team_id=invocation.team_id, name=name)
        assert partner is not None
        return recent_moves(session=uow.session, partner=partner, limit=100)[::-1]


def move_count(invocation: Invocation) -> int:
    with invocation.unit_of_work() as uow:
        query = select(func.count()).select_from(StageMove).where(col(StageMove.team_id) == invocation.team_id)
        return int(uow.session.exec(query).one())


def test_import_creates_partners_at_their_stage_dates_with_a_first_history_row(
    invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = invocation_for(user_id="U_IMPORTER")
    path = sheet(
        tmp_path,
        (
            "name,stage,stage_since,owner,segment,type,alliance\n"
            "Acme,support,2026-03-01,U_ANNA,fintech,reseller,after\n"
            "Globex Corporation,activation,2026-06-15,,,tech,\n"
            "Initech,,,,,,\n"
        ),
    )

    report = import_partners(path, invocation)

    assert report.ok and (report.created, report.updated, report.unchanged) == (3, 0, 0)
    partners = stored(invocation)
    assert partners["Acme"] == bulk.PartnerValues(
        name="Acme",
        stage="support",
        stage_entered_at=datetime(2026, 2, 28, 23, 0, tzinfo=UTC),
        owner="U_ANNA",
        segment="fintech",
        type="reseller",
        alliance="after",
    )
    assert partners["Globex Corporation"].stage == "onboarding"  # an alias, stored as the key
    assert partners["Globex Corporation"].stage_entered_at == datetime(2026, 6, 14, 22, 0, tzinfo=UTC)  # CEST
    assert partners["Globex Corporation"].type == "technology"
    assert partners["Initech"].stage == "discovery" and partners["Initech"].stage_entered_at == invocation.now
    [first] = history(invocation, "Acme")
    assert (first.from_stage, first.to_stage, first.moved_at) == (None, "support", partners["Acme"].stage_entered_at)
    assert first.moved_by == "U_IMPORTER" and first.note == "imported from partners.csv"


def test_reimport_matches_names_ignoring_case_in_any_script_and_never_duplicates(
    invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = invocation_for()
    first = sheet(tmp_path, "name,owner\nŻabka,U1\nРомашка,U1\nAcme Corp,U1\n", name="first.csv")
    again = sheet(tmp_path, "Name,Owner\nŻABKA,U2\nромашка,U1\nacme corp,U1\nNowy Partner,U2\n", name="again.csv")

    import_partners(first, invocation)
    report = import_partners(again, invocation)

    assert report.ok and (report.created, report.updated, report.unchanged) == (1, 3, 0)
    partners = stored(invocation)
    assert set(partners) == {"acme corp", "Nowy Partner", "ромашка", "ŻABKA"}  # the file's spelling wins
    assert partners["ŻABKA"].owner == "U2" and partners["ромашка"].owner == "U1"
    assert import_partners(again, invocation).unchanged == 4


def test_unknown_stage_is_reported_with_its_line_and_nothing_is_written(
    invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = invocation_for()
    path = sheet(
        tmp_path,
        (
            "name,stage,stage_since,type\n"
            "Acme,support,2026-03-01,reseller\n"
            "Globex,suport,,\n"
            "\n"
            "Initech,goal,2027-01-01,resseler\n"
            ",support,,\n"
        ),
    )

    report = import_partners(path, invocation)

    assert not report.ok
    assert report.errors[0].startswith("line 3: Unknown stage 'suport' — did you mean support?")
    assert report.errors[1] == "line 5: stage_since 2027-01-01 is in the future (today is 2026-11-23)."
    assert report.errors[2].startswith("line 5: Unknown partner type 'resseler' — did you mean reseller?")
    assert report.errors[3] == "line 6: the name is empty"
    assert len(report.errors) == 4
    assert report.summary().startswith("Nothing imported from partners.csv: 4 problems to fix.\nline 3:")
    assert stored(invocation) == {} and move_count(invocation) == 0


def test_duplicate_names_in_one_file_are_an_error_naming_both_lines(
    invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = invocation_for()
    report = import_partners(sheet(tmp_path, "name\nŻabka\nAcme\nżabka\n"), invocation)

    assert report.errors == ("line 4: 'żabka' repeats 'Żabka' from line 2 (names ignore case)",)
    assert stored(invocation) == {}


def test_unknown_column_is_an_error_that_names_it(invocation_for: InvocationFor, tmp_path: Path) -> None:
    invocation = invocation_for()
    report = import_partners(sheet(tmp_path, "name,stge,comments\nAcme,support,hi\n"), invocation)

    assert len(report.errors) == 1
    assert report.errors[0].startswith("line 1: unknown columns 'stge' (did you mean stage?), 'comments'.")
    assert stored(invocation) == {}


def test_a_value_outside_the_named_columns_is_an_error_and_short_rows_are_blank(
    invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = invocation_for()
    path = sheet(tmp_path, "name,stage,,\nAcme,support,,\nGlobex,support,oops\nInitech\nUmbrella,goal,,,extra\n")

    report = import_partners(path, invocation)

    assert report.errors == (
        "line 3: 'oops' is in a column without a header",
        "line 5: 'extra' is in a column without a header",
    )
    fixed = sheet(tmp_path, "name,stage,,\nAcme,support,,\nInitech\n", name="fixed.csv")
    assert import_partners(fixed, invocation).created == 2
    assert stored(invocation)["Initech"].stage == "discovery"


def test_semicolon_delimited_file_with_bom_is_read(invocation_for: InvocationFor, tmp_path: Path) -> None:
    invocation = invocation_for()
    text = (
        "Name;Stage;Stage since;Segment\r\n"
        '"Kowalski; Syn i Wspólnicy";wsparcie;2026-03-01;"Usługi, IT"\r\n'
        "Ромашка;поддержка;;\r\n"
    )
    path = sheet(tmp_path, text, encoding="utf-8-sig")

    report = import_partners(path, invocation)

    assert report.ok and report.created == 2
    partners = stored(invocation)
    assert partners["Kowalski; Syn i Wspólnicy"].stage == "support"
    assert partners["Kowalski; Syn i Wspólnicy"].segment == "Usługi, IT"
    assert partners["Ромашка"].stage == "support"


def test_dotted_dates_are_day_month_year_at_midnight_in_the_workspace_zone(
    invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = invocation_for(zone="Europe/Moscow")
    path = sheet(tmp_path, "name,stage,stage_since\nАльфа,support,01.03.2026\nBeta,goal,5.7.2026\n")

    report = import_partners(path, invocation)

    assert report.ok
    partners = stored(invocation)
    assert partners["Альфа"].stage_entered_at == datetime(2026, 2, 28, 21, 0, tzinfo=UTC)
    assert partners["Beta"].stage_entered_at == datetime(2026, 7, 4, 21, 0, tzinfo=UTC)
    bad = import_partners(sheet(tmp_path, "name,stage_since\nGamma,31.02.2026\n", name="bad.csv"), invocation)
    assert bad.errors == ("line 2: stage_since '31.02.2026' is not a date; write 2026-03-01 or 01.03.2026.",)


def test_stage_change_on_reimport_appends_a_history_row(invocation_for: InvocationFor, tmp_path: Path) -> None:
    importer = invocation_for(user_id="U_IMPORTER")
    first = sheet(tmp_path, "name,stage,stage_since\nAcme,attraction,2026-03-01\nGlobex,support,2026-03-01\n")
    import_partners(first, importer)

    later = invocation_for(user_id="U_LATER", now=importer.now + timedelta(days=1))
    moved = sheet(tmp_path, "name,stage,stage_since\nAcme,onboarding,2026-10-01\nGlobex,goal,\n", name="moved.csv")
    report = import_partners(moved, later)

    assert report.ok and (report.updated, report.moved) == (2, 2)
    acme = history(later, "Acme")
    assert [(m.from_stage, m.to_stage) for m in acme] == [(None, "attraction"), ("attraction", "onboarding")]
    assert acme[-1].moved_at == datetime(2026, 9, 30, 22, 0, tzinfo=UTC)
    assert (acme[-1].moved_by, acme[-1].note) == ("U_LATER", "imported from moved.csv")
    partners = stored(later)
    assert partners["Acme"].stage_entered_at == datetime(2026, 9, 30, 22, 0, tzinfo=UTC)
    assert (partners["Globex"].stage, partners["Globex"].stage_entered_at) == ("goal", later.now)


def test_empty_stage_and_missing_columns_leave_an_existing_partner_alone(
    invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = invocation_for()
    import_partners(sheet(tmp_path, "name,stage,owner,type\nAcme,support,U_ANNA,reseller\n"), invocation)
    before = stored(invocation)["Acme"]

    report = import_partners(sheet(tmp_path, "name,stage,owner\nAcme,,\n", name="again.csv"), invocation)

    assert report.ok and report.updated == 1
    assert stored(invocation)["Acme"] == bulk.PartnerValues(  # an empty cell clears; a missing column keeps
        name="Acme", stage="support", stage_entered_at=before.stage_entered_at, owner=None, type="reseller"
    )
    assert len(history(invocation, "Acme")) == 1


def test_archived_partner_is_skipped_with_a_warning(invocation_for: InvocationFor, tmp_path: Path) -> None:
    invocation = invocation_for()
    import_partners(sheet(tmp_path, "name,stage\nAcme,support\nGlobex,support\n"), invocation)
    registry.archive(Archive("Acme"), invocation)

    report = import_partners(sheet(tmp_path, "name,stage\nACME,goal\nGlobex,goal\n", name="again.csv"), invocation)

    assert report.ok and (report.updated, report.skipped) == (1, 1)
    assert report.warnings == ("line 2: Acme is archived; skipped (restore it first).",)
    assert stored(invocation)["Acme"].stage == "support"


def test_not_utf8_file_is_refused_with_a_hint(invocation_for: InvocationFor, tmp_path: Path) -> None:
    invocation = invocation_for()
    report = import_partners(sheet(tmp_path, "name\nAcme\nРомашка\n", encoding="cp1251"), invocation)

    assert report.errors == ("line 3: partners.csv is not UTF-8 text; in Excel choose Save as → 'CSV UTF-8'.",)


def test_export_writes_active_partners_in_journey_order_with_a_bom(
    invocation_for: InvocationFor, tmp_path: Path
) -> None:
    invocation = invocation_for()
    import_partners(
        sheet(
            tmp_path,
            (
                "name,stage,stage_since,owner,segment,type,alliance\n"
                "Zeta,discovery,2026-03-01,,,,\n"
                'Ромашка,support,01.03.2026,U_ANNA,"retail, food",reseller,chain\n'
                "alpha,discovery,,,,,\n"
                "Archived One,goal,,,,,\n"
            ),
        ),
        invocation,
    )
    registry.archive(Archive("Archived One"), invocation)
    other_team = invocation_for(team_id="T2")  # another team's partners never leak into an export
    import_partners(sheet(tmp_path, "name\nOther Team Partner\n", name="t2.csv"), other_team)

    count = export_partners(tmp_path / "export.csv", invocation)

    raw = (tmp_path / "export.csv").read_bytes()
    assert count == 3 and raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(EXPORT_COLUMNS)
    assert [row[: len(COLUMNS)] for row in rows[1:]] == [
        ["alpha", "discovery", "2026-11-23", "", "", "", "", "", "", "", ""],
        ["Zeta", "discovery", "2026-03-01", "", "", "", "", "", "", "", ""],
        ["Ромашка", "support", "2026-03-01", "U_ANNA", "retail, food", "reseller", "", "chain",
         "Ромашка (chain) [chain #1]", "", ""],
    ]
    assert [row[len(COLUMNS)] for row in rows[1:]] == ["0", "267", "267"]  # days in stage


def test_export_then_import_changes_nothing(invocation_for: InvocationFor, tmp_path: Path) -> None:
    start = invocation_for()
    import_partners(sheet(tmp_path, "name,stage,stage_since,type\nŻabka,attraction,2026-03-01,agency\n"), start)
    registry.register(start, "Ромашка", Profile(owner="U_ANNA", segment="ритейл"))
    afternoon = invocation_for(now=datetime(2026, 11, 23, 15, 47, 12, tzinfo=UTC))  # not midnight: dates compare by day
    registry.advance(Advance.to("Ромашка", "support", "kick-off"), afternoon)
    registry.advance(Advance("Żabka"), afternoon)
    moves = move_count(afternoon)

    assert export_partners(tmp_path / "export.csv", afternoon) == 2
    report = import_partners(tmp_path / "export.csv", invocation_for(now=afternoon.now + timedelta(days=3)))

    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert move_count(afternoon) == moves


def test_summary_lists_the_first_errors_and_counts_the_rest() -> None:
    errors = tuple(f"line {line}: the name is empty" for line in range(2, 2 + ERRORS_SHOWN + 5))
    report = ImportReport("big.csv", errors=errors)

    lines = report.summary().splitlines()

    assert lines[0] == f"Nothing imported from big.csv: {ERRORS_SHOWN + 5} problems to fix."
    assert lines[1:-1] == list(report.errors[:ERRORS_SHOWN])
    assert lines[-1] == "…and 5 more"
    ok = ImportReport("ok.csv", created=2, updated=1, unchanged=3, moved=1)
    assert ok.summary() == "Imported ok.csv: 2 created, 1 updated (1 moved to another stage), 3 unchanged."
