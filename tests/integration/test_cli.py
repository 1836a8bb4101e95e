"""The operations contract's commands, run as a user would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def partnerbot(*args: str, database: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("SLACK_")}
    env |= {"DATABASE_URL": f"sqlite:///{database}", "PARTNERBOT_TIMEZONE": "Europe/Warsaw"}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=database.parent,
        timeout=120,
    )


def test_console_reads_piped_lines_and_prints_the_replies(tmp_path: Path) -> None:
    result = partnerbot(
        "console",
        database=tmp_path / "bot.db",
        stdin='/partner add Acme\n/partner add "Globex Corporation" type=reseller\n'
        "/partner advance Acme support\n/partner show acme\n/partner advance Acme suport\n",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Added Acme" in out and "Added Globex Corporation" in out
    assert "Acme moved Discovery → Support" in out
    assert "Stage: Support" in out
    assert "Unknown stage 'suport' — did you mean support?" in out


def test_start_without_slack_tokens_opens_the_console_on_a_sample_portfolio(tmp_path: Path) -> None:
    result = partnerbot("start", database=tmp_path / "bot.db", stdin="list\nshow Ромашка\n")
    assert result.returncode == 0, result.stderr
    assert "sample portfolio" in result.stdout
    assert "Partners (12)" in result.stdout and "Żabka Tech" in result.stdout
    assert "Ромашка" in result.stdout and "Stage: Support" in result.stdout


def test_demo_writes_text_and_block_kit_files(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = partnerbot("demo", "--out", str(out), database=tmp_path / "unused.db")
    assert result.returncode == 0, result.stderr
    assert "Partners (12)" in (out / "list.txt").read_text(encoding="utf-8")
    payload = json.loads((out / "card.json").read_text(encoding="utf-8"))
    assert payload["blocks"][0]["type"] == "header"


def test_migrate_reports_the_database_is_current(tmp_path: Path) -> None:
    result = partnerbot("migrate", database=tmp_path / "bot.db")
    assert result.returncode == 0, result.stderr
    assert "latest schema" in result.stdout


def test_run_without_tokens_explains_what_is_missing(tmp_path: Path) -> None:
    result = partnerbot("run", database=tmp_path / "bot.db")
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr and "SLACK_APP_TOKEN" in result.stderr


def test_bad_time_zone_setting_is_a_clear_configuration_error(tmp_path: Path) -> None:
    env_database = tmp_path / "bot.db"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "migrate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{env_database}", "PARTNERBOT_TIMEZONE": "Mars/Olympus"},
    )
    assert result.returncode == 2
    assert "PARTNERBOT_TIMEZONE" in result.stderr and "Traceback" not in result.stderr


def test_import_then_export_round_trips_a_spreadsheet(tmp_path: Path) -> None:
    sheet = tmp_path / "partners.csv"
    sheet.write_text(
        "name;stage;stage_since;owner;segment;type;alliance\n"
        "Ромашка;поддержка;01.03.2026;<@U0OLGA|olga>;retail;agency;chain\n"
        "Żabka Tech;onboarding;2026-06-15;Ольга;;technology;\n",
        encoding="utf-8-sig",
    )
    imported = partnerbot("import", str(sheet), "--team", "T1", database=tmp_path / "bot.db")
    assert imported.returncode == 0, imported.stderr
    assert "2 created" in imported.stdout
    assert "line 3: owner 'Ольга' is not a Slack user" in imported.stdout  # reported, not kept as text
    shown = partnerbot("console", "--team", "T1", database=tmp_path / "bot.db", stdin="show ромашка\n")
    assert "Stage: Support" in shown.stdout and "since 1 Mar 2026" in shown.stdout
    exported = partnerbot("export", str(tmp_path / "out.csv"), "--team", "T1", database=tmp_path / "bot.db")
    assert exported.returncode == 0, exported.stderr
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("name,stage,stage_since,owner,segment,type,size,alliance,alliances,notes,")
    assert any(line.startswith("Ромашка,support,2026-03-01,U0OLGA,retail,agency,,chain,") for line in lines)
    assert any(line.startswith("Żabka Tech,onboarding,2026-06-15,,,technology,") for line in lines)
    semicolons = partnerbot(
        "export", str(tmp_path / "pl.csv"), "--team", "T1", "--history", "--sep", ";", database=tmp_path / "bot.db"
    )
    assert semicolons.returncode == 0, semicolons.stderr
    assert (tmp_path / "pl.csv").read_text(encoding="utf-8-sig").startswith("name;stage;stage_since;owner;")
    moves = (tmp_path / "pl-stage-history.csv").read_text(encoding="utf-8-sig").splitlines()
    assert moves[0] == "name;from_stage;to_stage;moved_at;moved_by;note" and len(moves) == 3


def test_import_with_an_unknown_stage_names_the_line_and_writes_nothing(tmp_path: Path) -> None:
    sheet = tmp_path / "partners.csv"
    sheet.write_text("name,stage\nAcme,discovery\nGlobex,suport\n", encoding="utf-8")
    result = partnerbot("import", str(sheet), "--team", "T1", database=tmp_path / "bot.db")
    assert result.returncode == 1
    assert "line 3" in result.stderr and "suport" in result.stderr and "Traceback" not in result.stderr
    listed = partnerbot("console", "--team", "T1", database=tmp_path / "bot.db", stdin="list\n")
    assert "Acme" not in listed.stdout


def test_console_export_writes_its_files_to_a_local_folder_and_prints_the_paths(tmp_path: Path) -> None:
    result = partnerbot("console", database=tmp_path / "bot.db", stdin="add Ромашка\nexport history\n")
    assert result.returncode == 0, result.stderr
    printed = [line.removeprefix("[file] ") for line in result.stdout.splitlines() if line.startswith("[file] ")]
    assert len(printed) == 4 and all(Path(path).parent == tmp_path / "partnerbot-files" for path in printed)
    partners = next(Path(path) for path in printed if Path(path).name.startswith("partners-"))
    assert partners.read_text(encoding="utf-8-sig").splitlines()[1].startswith("Ромашка,discovery,")
