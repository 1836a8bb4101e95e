"""Alliances and the spreadsheet export through the real App over signed HTTP, against the fake Slack API."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import Slack
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.messages import visible_text
from tests.integration.test_cli import ROOT


def run_all(slack: Slack, *lines: str) -> None:
    for number, line in enumerate(lines):
        slack.command(line, response=f"setup{number}")
        slack.reply(f"setup{number}")


def uploaded_files(slack: Slack, count: int) -> dict[str, bytes]:
    """filename → bytes of the files sent with one files_upload_v2 call, once it is completed."""
    slack.fake.wait_for("/api/files.completeUploadExternal")
    tickets = slack.fake.wait_for("/api/files.getUploadURLExternal", count)
    uploaded = {call.path: call.raw for call in slack.fake.uploaded()}
    return {ticket.body["filename"]: uploaded[f"/upload/{n}"] for n, ticket in enumerate(tickets, 1)}


def test_export_arrives_as_a_csv_file_in_the_requesters_dm(slack: Slack) -> None:
    run_all(slack, "add Ромашка type=reseller", "add Żabka", "kpi Ромашка leads=3 deals=1 revenue=2k")

    slack.command("export sep=;", user="U01ANNA", channel="C0PUBLIC")

    answer = slack.reply()
    assert answer["response_type"] == "ephemeral" and "Exported 2 partner(s)" in visible_text(answer)
    [opened] = slack.fake.wait_for("/api/conversations.open")
    assert opened.body["users"] == "U01ANNA"
    files = uploaded_files(slack, 1)
    [(filename, content)] = files.items()
    assert filename.startswith("partners-") and filename.endswith(".csv")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["name", "stage", "stage_since", "owner"]
    assert sorted(row[0] for row in rows[1:]) == ["Żabka", "Ромашка"]
    [complete] = slack.fake.wait_for("/api/files.completeUploadExternal")
    assert complete.body["channel_id"] == "DU01ANNA"  # the DM, not the channel the command came from
    assert not [c for c in slack.fake.calls if c.method == "chat.postMessage" and c.body.get("channel") == "C0PUBLIC"]


def test_export_history_sends_one_file_each(slack: Slack) -> None:
    run_all(slack, "add Acme", "advance Acme support", "feedback Acme csat=5", "kpi Acme leads=1")
    slack.command("export history")
    slack.reply()
    files = uploaded_files(slack, 4)
    assert sorted(name.rsplit("-", 3)[0] for name in files) == ["feedback", "kpi-entries", "partners", "stage-history"]


def test_alliance_commands_over_http_and_the_matrix_posted_with_its_chart(slack: Slack) -> None:
    run_all(slack, "add Acme", "add Globex", 'alliance new "Logistics chain" type=тост members="Acme, Globex"')
    slack.command('handover Acme → Globex client="Foo & Bar <LLC>" value=12k', response="handover")
    handed = slack.reply("handover")
    assert handed["response_type"] == "in_channel"
    assert "Foo &amp; Bar &lt;LLC&gt;" in visible_text(handed) and "Logistics chain" in visible_text(handed)

    slack.command("alliance matrix", channel="C0MATRIX", response="matrix")

    [posted] = [c for c in slack.fake.wait_for("/api/chat.postMessage") if c.body.get("channel") == "C0MATRIX"]
    text = visible_text(posted.body)
    assert "Alliance matrix" in text and "Chain" in text and "—" in text
    assert list(uploaded_files(slack, 1)) == ["alliance-matrix.png"]


def test_cli_import_matches_e_mail_owners_through_slack(fake_slack: FakeSlack, tmp_path: Path) -> None:
    sheet = tmp_path / "partners.csv"
    sheet.write_text("name,owner\nAcme,anna@example.com\nGlobex,ghost@example.com\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("SLACK_")}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_BASE_URL": fake_slack.api_url,
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "import", str(sheet), "--team", "T1"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "line 3: owner 'ghost@example.com' matches no one in Slack" in result.stdout
    asked = [json.dumps(c.body) for c in fake_slack.calls if c.method == "users.lookupByEmail"]
    assert len(asked) == 2 and "anna@example.com" in asked[0]
    shown = subprocess.run(
        [sys.executable, "-m", "bot.cli", "console", "--team", "T1"],
        input="show Acme\n", capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert "Owner: @U01ANNA" in shown.stdout
