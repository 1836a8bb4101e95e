"""The export's columns imported back (round trip into an empty workspace), and owners matched by line."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from commands.context import Invocation
from commands.people import EveryoneIsAPerson
from commands.replies import AllianceView, PartnerCard
from commands.spreadsheet import export_history, export_partners, import_partners
from commands.spreadsheet.columns import EXPORT_COLUMNS
from commands.verbs import handle
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
SCRIPT = """
add "Łódź Digital" type=agency size=medium segment=retail owner=<@U01ANNA|anna> notes="Met at a fair; 'a', b"
add Ромашка type=reseller size=large alliance=after
add Acme
kpi Acme leads=10 deals=2 revenue=5k cost=500
feedback Acme csat=4 nps=9 "good"
advance Ромашка support "kick-off"
alliance new "Logistics chain" type=chain members="Acme, Ромашка, Łódź Digital"
bonus Acme 1k
handover Acme → Ромашка client="Foo LLC"
"""


class Directory(EveryoneIsAPerson):
    """People as a fixed directory: what users.lookupByEmail would answer."""

    knows_emails = True

    def __init__(self, users: dict[str, str]) -> None:
        self.users = users
        self.asked: list[str] = []

    def lookup_email(self, email: str) -> str | None:
        self.asked.append(email)
        return self.users.get(email.casefold())


def converse(invocation: Invocation, script: str) -> None:
    for line in filter(None, map(str.strip, script.splitlines())):
        handle(line, invocation)


def profile(invocation: Invocation, name: str) -> tuple[object, ...]:
    card = handle(f'show "{name}"', invocation).body
    assert isinstance(card, PartnerCard)
    return (card.name, card.stage_key, card.stage_since, card.owner, card.type, card.size, card.segment,
            card.alliance, card.notes, card.alliances.alliances if card.alliances else None)


def test_export_then_import_into_an_empty_workspace_gives_the_same_partners_stages_dates_and_alliances(
    invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    source = invocation_for(team_id="T1", now=NOW - timedelta(days=40))
    converse(source, SCRIPT)
    later = invocation_for(team_id="T1")
    assert export_partners(tmp_path / "partners.csv", later, sep=";") == 3
    rows = list(csv.reader(io.StringIO((tmp_path / "partners.csv").read_text("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(EXPORT_COLUMNS)
    acme = dict(zip(rows[0], next(row for row in rows if row[0] == "Acme"), strict=True))
    assert (acme["days_in_stage"], acme["last_csat"], acme["last_nps"], acme["leads"], acme["deals"]) == (
        "40", "4", "9", "10", "2"
    )
    assert (acme["revenue"], acme["cost"], acme["clients_passed"], acme["bonuses"]) == ("5000", "500", "1", "1000")
    history = export_history(tmp_path / "partners.csv", later, sep=";")
    assert [path.name for path in history] == [
        "partners-stage-history.csv", "partners-feedback.csv", "partners-kpi-entries.csv",
    ]
    moves = history[0].read_text("utf-8-sig").splitlines()
    assert moves[0] == "name;from_stage;to_stage;moved_at;moved_by;note" and len(moves) == 5
    assert any(line.startswith("Ромашка;discovery;support;") and line.endswith(";kick-off") for line in moves)

    empty = invocation_for(team_id="T2")
    report = import_partners(tmp_path / "partners.csv", empty)

    assert report.ok and report.created == 3 and report.warnings == (), report.summary()
    for name in ("Łódź Digital", "Ромашка", "Acme"):
        assert profile(empty, name) == profile(later, name)
    chain = handle('alliance show "Logistics chain"', empty).body
    assert isinstance(chain, AllianceView) and chain.type_key == "chain"
    assert [m.partner for m in chain.members] == ["Acme", "Ромашка", "Łódź Digital"]
    again = import_partners(tmp_path / "partners.csv", invocation_for(team_id="T2", now=NOW + timedelta(days=1)))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_owners_match_by_mention_id_and_e_mail_and_the_rest_are_reported_by_line(
    invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    sheet = tmp_path / "owners.csv"
    sheet.write_text(
        "name,owner\n"
        "Mention,<@U01ANNA|anna>\n"
        "Plain id,U02PIOTR\n"
        "By e-mail,Piotr@Example.pl\n"
        "Unknown e-mail,nobody@example.com\n"
        "Free text,Anna Nowak\n"
        "No owner,\n",
        encoding="utf-8",
    )
    people = Directory({"piotr@example.pl": "U02PIOTR"})
    invocation = replace(invocation_for(), people=people)

    report = import_partners(sheet, invocation)

    assert report.ok and report.created == 6
    assert report.warnings == (
        "line 5: owner 'nobody@example.com' matches no one in Slack; the owner was left unchanged",
        "line 6: owner 'Anna Nowak' is not a Slack user (use <@U…>, a user id or an e-mail);"
        " the owner was left unchanged",
    )
    owners = {name: profile(invocation, name)[3] for name in ("Mention", "Plain id", "By e-mail", "Unknown e-mail",
                                                               "Free text", "No owner")}
    assert owners == {"Mention": "U01ANNA", "Plain id": "U02PIOTR", "By e-mail": "U02PIOTR", "Unknown e-mail": None,
                      "Free text": None, "No owner": None}
    assert people.asked == ["Piotr@Example.pl", "nobody@example.com"]
    assert "line 6: owner 'Anna Nowak'" in report.summary()


def test_without_a_slack_connection_e_mail_owners_are_reported_not_guessed(
    invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    sheet = tmp_path / "owners.csv"
    sheet.write_text("name,owner,size,notes\nAcme,anna@example.com,xl,\"two\nlines\"\n", encoding="utf-8")
    invocation = invocation_for()
    report = import_partners(sheet, invocation)
    assert report.ok and "e-mails are matched only when a Slack bot token is set" in report.warnings[0]
    card = handle("show Acme", invocation).body
    assert isinstance(card, PartnerCard) and (card.owner, card.size, card.notes) == (None, "enterprise", "two\nlines")


def test_a_bad_alliances_cell_is_refused_with_its_line(invocation_for: MakeInvocation, tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("name,alliances\nAcme,Logistics chain [chian #1]\nGlobex,Retail\n", encoding="utf-8")
    report = import_partners(sheet, invocation_for())
    assert not report.ok and len(report.errors) == 2
    assert report.errors[0].startswith("line 2:") and "chian" in report.errors[0]
    assert report.errors[1].startswith("line 3:") and "NAME [TYPE #POSITION]" in report.errors[1]
