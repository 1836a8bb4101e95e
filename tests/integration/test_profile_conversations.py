"""Profile edits and the partner's source as conversations: `set`, `rename`, and what `show` then tells."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, text

from commands.context import Invocation
from commands.spreadsheet import export_partners, import_partners
from tests.conftest import NOW
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def rows(engine: Engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


def test_set_changes_the_profile_and_keeps_each_change_before_and_after(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(invocation_for(), "add Acme type=agency source=events → Added Acme … Source … events")
    edit = (
        'set Acme type=reseller size=large segment=retail owner=<@U7|anna> source=referrals notes="Met at FinTech Week"'
    )
    converse(
        invocation_for(now=NOW + timedelta(days=1), user_id="U2"),
        [
            (
                edit,
                (
                    "📝 Updated Acme:", "type: agency → reseller", "size: — → large", "owner: — → U7",
                    "notes: — → “Met at FinTech Week”", "source: events → referral", "by U2",
                ),
            ),
            ("set Acme type=reseller", "Acme already has those values; nothing changed."),
            ('set Acme segment=""', "segment: retail → —"),
            ("show Acme", ("Source: referral", "Profile changes\n24 Nov 2026 10:00 · segment: retail → — · by U2")),
        ],
    )
    assert rows(engine, "SELECT type, size, segment, owner, source, notes FROM partner") == [
        ("reseller", "large", None, "U7", "referral", "Met at FinTech Week")
    ]
    edits = rows(engine, "SELECT field, before, after, edited_by FROM partner_edit ORDER BY id")
    assert edits == [
        ("type", "agency", "reseller", "U2"),
        ("size", None, "large", "U2"),
        ("segment", None, "retail", "U2"),
        ("owner", None, "U7", "U2"),
        ("notes", None, "Met at FinTech Week", "U2"),
        ("source", "events", "referral", "U2"),
        ("segment", "retail", None, "U2"),
    ]


def test_bad_edits_are_refused_and_change_nothing(engine: Engine, invocation_for: MakeInvocation) -> None:
    converse(
        invocation_for(),
        """
        add Acme → Added Acme
        add Globex → Added Globex
        set Acme → ⚠ Nothing to set on Acme. Usage: `/partner set NAME
        set Acme reseller → ⚠ 'reseller' is not a field; fields are key=value
        set Acme type=resseler → ⚠ Unknown partner type 'resseler' — did you mean reseller?
        set Acme source=tv → ⚠ Unknown source 'tv'. Choose one of: referral, events, search
        set Acme colour=red → ⚠ Unknown field 'colour'
        set Acmee type=oem → ⚠ No partner named 'Acmee' — did you mean Acme?
        rename Acme Acme Group → ⚠ Give the partner and its new name; names with spaces go in quotes.
        rename Acme globex → ⚠ A partner named 'Globex' already exists
        rename Acme → ⚠ Give the partner and its new name
        """,
    )
    assert rows(engine, "SELECT count(*) FROM partner_edit") == [(0,)]
    assert rows(engine, "SELECT name FROM partner ORDER BY id") == [("Acme",), ("Globex",)]


def test_rename_keeps_history_and_the_old_name_no_longer_finds_it(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(
        invocation_for(),
        """
        add Acme → Added Acme
        advance Acme attraction "intro call" → ▶ Acme moved Discovery → Attraction
        rename acme "Acme Group" → 📝 Updated Acme Group: … name: Acme → Acme Group
        show "acme group" → Acme Group … Discovery → Attraction · by U1 · “intro call” … name: Acme → Acme Group
        show Acme → ⚠ No partner named 'Acme' — did you mean Acme Group?
        rename "Acme Group" "ACME GROUP" → name: Acme Group → ACME GROUP
        """,
    )
    assert rows(engine, "SELECT name, name_key FROM partner") == [("ACME GROUP", "acme group")]
    assert rows(engine, "SELECT count(*) FROM stage_move") == [(2,)]


def test_source_is_imported_checked_and_exported(
    engine: Engine, invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    invocation = invocation_for()
    good = tmp_path / "partners.csv"
    good.write_text("name,source\nAcme,Events\nGlobex,referrals\nInitech,\n", encoding="utf-8")
    assert import_partners(good, invocation).created == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("name,source\nHooli,television\n", encoding="utf-8")
    assert "line 2: Unknown source 'television'" in import_partners(bad, invocation).errors[0]
    assert rows(engine, "SELECT name, source FROM partner ORDER BY id") == [
        ("Acme", "events"), ("Globex", "referral"), ("Initech", None)
    ]
    export_partners(tmp_path / "out.csv", invocation)
    exported = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8-sig"))))
    assert {row["name"]: row["source"] for row in exported} == {"Acme": "events", "Globex": "referral", "Initech": ""}
