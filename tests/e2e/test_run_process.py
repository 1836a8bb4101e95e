"""`partnerbot run` (Socket Mode) as a real process: on SIGTERM it closes its connection to Slack, lets the
command it already acknowledged finish and answer, stops the scheduler and exits 0."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from storage.tables import Partner
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.fake_socket_mode import FakeSocketMode
from tests.e2e.messages import visible_text
from tests.e2e.test_serve_process import hold_every_write, launch

CONNECTED = re.compile(r"A new session has been established")


def slash_command(fake: FakeSlack, text: str) -> dict[str, object]:
    payload = {
        "team_id": "T1",
        "channel_id": "C1",
        "user_id": "U01ANNA",
        "command": "/partner",
        "text": text,
        "api_app_id": "A1",
        "response_url": fake.response_url("socket"),
        "trigger_id": "trigger-socket",
    }
    return {"envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True, "payload": payload}


def test_sigterm_lets_the_acknowledged_command_finish_and_exits_0(
    engine: Engine, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    socket_mode = FakeSocketMode().start()
    opened = (200, {"Content-Type": "application/json"}, {"ok": True, "url": socket_mode.url})
    fake_slack.script("/api/apps.connections.open", *[opened] * 5)
    process, log, _ = launch(
        ["run"],
        CONNECTED,
        tmp_path=tmp_path,
        fake=fake_slack,
        engine=engine,
        SLACK_APP_TOKEN="xapp-test",
        PARTNERBOT_DB_STATEMENT_TIMEOUT="30",
    )
    try:
        release = hold_every_write(engine, tmp_path)
        socket_mode.send(slash_command(fake_slack, "add Acme"))
        socket_mode.wait_for_ack("env-1")  # acknowledged; the command itself now waits for the lock
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        time.sleep(1.0)
        assert process.poll() is None, "it must finish the acknowledged command first"
        release()
        reply = fake_slack.wait_for("/response/socket")[0].body
        assert "Added Acme" in visible_text(reply)
        assert process.wait(30) == 0, "".join(log)
        with Session(engine) as session:
            assert [partner.name for partner in session.exec(select(Partner))] == ["Acme"]
        assert "stopped cleanly" in "".join(log)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        socket_mode.stop()
