"""The audit trail from the command line, as an operator runs it: CLI changes are recorded as `cli` (and
imports as `import`), and `partnerbot audit export` writes the whole trail."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from tests.integration.test_cli import partnerbot

KEYS = ("fit", "reach", "trust")


def test_cli_changes_are_recorded_as_the_cli_and_audit_export_writes_them(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    assert partnerbot("console", "--team", "T1", database=database, stdin="add Acme\n").returncode == 0
    sheet = tmp_path / "partners.csv"
    sheet.write_text("name,stage\nGlobex,support\n", encoding="utf-8")
    assert partnerbot("import", str(sheet), "--team", "T1", database=database).returncode == 0
    card = tmp_path / "scorecard.yml"
    criteria = [{"key": key, "title": key.title(), "help": "1 = weak · 5 = strong", "weight": 1} for key in KEYS]
    card.write_text(yaml.safe_dump({"criteria": criteria}), encoding="utf-8")
    loaded = partnerbot("scorecard", "load", str(card), "--team", "T1", database=database)
    assert loaded.returncode == 0, loaded.stderr
    exported = partnerbot("audit", "export", "--team", "T1", "audit.csv", database=database)
    assert exported.returncode == 0, exported.stderr
    assert "Exported 3 audit row(s) of team T1 to audit.csv." in exported.stdout
    rows = list(csv.DictReader((tmp_path / "audit.csv").read_text(encoding="utf-8-sig").splitlines()))
    who = [(row["kind"], row["actor"], row["surface"], row["partner"]) for row in rows]
    assert who == [
        ("partner.created", "console", "cli", "Acme"),
        ("partner.created", "import", "import", "Globex"),
        ("scorecard.loaded", "cli", "cli", ""),
    ]


def test_audit_export_to_a_folder_that_does_not_exist_says_so(tmp_path: Path) -> None:
    result = partnerbot("audit", "export", "--team", "T1", "missing/audit.csv", database=tmp_path / "bot.db")
    assert result.returncode == 1 and "Could not write missing/audit.csv" in result.stderr
