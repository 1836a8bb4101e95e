"""`partnerbot serve --log-format json` as a real process: one JSON object per line, one line per request and
per command run, with the workspace, user, verb or action, outcome and duration; no token, and none of the
text people typed at INFO. `partnerbot run-job` logs its steps the same way (PARTNERBOT_LOG_FORMAT=json)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from tests.e2e.conftest import SIGNING_SECRET, Slack
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.messages import button_click
from tests.e2e.test_serve_process import LISTENING, ROOT, Served, database_url, launch

SECRET_PARTNER = "Ромашка Secret Deals"


def serve_json(tmp_path: Path, fake: FakeSlack, engine: Engine) -> Served:
    argv = ["serve", "--host", "127.0.0.1", "--port", "0", "--log-format", "json"]
    process, log, ready = launch(argv, LISTENING, tmp_path=tmp_path, fake=fake, engine=engine)
    return Served(process, Slack(fake, ready.group(1), engine), log)


def records(text: str) -> list[dict[str, Any]]:
    """Every line the process wrote, each read as one JSON object (a line that is not one fails the test)."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def wait_for_record(served: Served, **wanted: object) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for record in records(served.log_text()):
            if all(record.get(key) == value for key, value in wanted.items()):
                return record
        time.sleep(0.05)
    raise AssertionError(f"no log line with {wanted}:\n{served.log_text()}")


def test_serve_writes_one_json_line_per_request_and_per_command_without_tokens_or_typed_text(
    tmp_path: Path, fake_slack: FakeSlack, sqlite_engine: Engine
) -> None:
    served = serve_json(tmp_path, fake_slack, sqlite_engine)
    try:
        slack = served.slack
        slack.command(f'add "{SECRET_PARTNER}"', response="add")
        slack.reply("add")
        slack.command(f'show "{SECRET_PARTNER}"', response="card")
        card = slack.reply("card")
        click = button_click(card, "card_log", user="U01ANNA", trigger_id="trigger-log")
        assert slack.interaction(click).status == 200
        stranger = button_click(card, "card_log", user="U0GUEST", trigger_id="trigger-guest")
        stranger["user"]["team_id"] = "T0PARTNER"
        assert slack.interaction(stranger).status == 200

        request = wait_for_record(served, event="request", kind="command", verb="add")
        assert (request["team"], request["user"], request["status"], request["outcome"]) == (
            "T1", "U01ANNA", 200, "acknowledged"
        )
        assert isinstance(request["duration_ms"], float) and request["level"] == "INFO"
        command = wait_for_record(served, event="command", verb="add")
        assert command["outcome"] == "answered" and command["duration_ms"] >= 0
        button = wait_for_record(served, event="request", kind="block_actions", user="U01ANNA")
        assert button["action"] == "card_log" and button["outcome"] == "acknowledged"
        refused = wait_for_record(served, event="request", kind="block_actions", user="U0GUEST")
        assert refused["outcome"] == "refused: another organisation"
    finally:
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(15) == 0
    lines = records(served.log_text())
    assert lines and all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    text = served.log_text()
    assert "xoxb-test" not in text and SIGNING_SECRET not in text
    info = json.dumps([line for line in lines if line["level"] in ("DEBUG", "INFO")], ensure_ascii=False)
    assert "Ромашка" not in info and "Secret" not in info


def test_run_job_logs_each_step_as_json_when_the_environment_asks_for_it(
    tmp_path: Path, fake_slack: FakeSlack, sqlite_engine: Engine
) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "PARTNERBOT_"))}
    env |= {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_BASE_URL": fake_slack.api_url,
        "DATABASE_URL": database_url(sqlite_engine, tmp_path),
        "PARTNERBOT_LOG_FORMAT": "json",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run-job", "weekly-digest"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    steps = [line for line in records(result.stderr) if line.get("event") == "job step"]
    # an idle sender step is logged at DEBUG only: the scheduler runs it every 30 seconds
    assert [(step["job"], step["step"], step["outcome"]) for step in steps] == [("weekly-digest", "job", "done")]
    assert all(isinstance(step["duration_ms"], float) for step in steps)
