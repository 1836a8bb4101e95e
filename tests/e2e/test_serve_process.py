"""`partnerbot serve` as a real process: SIGTERM stops taking requests, answers those in flight (a form
submission inside the HTTP request, a command in its lazy listener), then exits 0; a 20 MB body is refused
before it is read, and request content cannot write lines of its own into the log."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from bot.views.registry.form import build_registration_modal
from commands.registry.partners import registration_form
from storage.tables import Partner
from tests.conftest import POSTGRES_URL_VARIABLE, sqlite_url
from tests.e2e.blackhole import BlackHole
from tests.e2e.conftest import SIGNING_SECRET, HttpAnswer, Slack, sealed
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.messages import visible_text
from tests.e2e.test_http_edge import FORM, TWENTY_MB, head_for, raw_exchange, signed_interaction
from tests.e2e.test_registration_modal import submission

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"serving Slack requests at (http://127\.0\.0\.1:\d+)/slack/events")


@dataclass
class Served:
    process: subprocess.Popen[str]
    slack: Slack
    log: list[str] = field(default_factory=list)

    def log_text(self) -> str:
        return "".join(self.log)


def database_url(engine: Engine, tmp_path: Path) -> str:
    """The URL a separate process uses to reach `engine`'s database (for PostgreSQL, its test schema)."""
    if engine.dialect.name == "sqlite":
        return sqlite_url(tmp_path)
    with engine.connect() as connection:
        schema = str(connection.execute(text("SELECT current_schema()")).scalar())
    return os.environ[POSTGRES_URL_VARIABLE] + f"?options=-csearch_path%3D{schema}"


def hold_every_write(engine: Engine, tmp_path: Path) -> Callable[[], None]:
    """Takes a lock that every request touching partners waits for; returns its release."""
    if engine.dialect.name == "sqlite":
        lock = sqlite3.connect(make_url(sqlite_url(tmp_path)).database or "", isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        return lock.rollback
    connection = engine.connect()
    connection.execute(text("LOCK TABLE partner IN ACCESS EXCLUSIVE MODE"))
    return lambda: (connection.rollback(), connection.close())


def start_serve(tmp_path: Path, fake: FakeSlack, engine: Engine, **settings: str) -> Served:
    argv = ["serve", "--host", "127.0.0.1", "--port", "0"]
    process, log, ready = launch(argv, LISTENING, tmp_path=tmp_path, fake=fake, engine=engine, **settings)
    return Served(process, Slack(fake, ready.group(1), engine), log)


def launch(
    argv: list[str], ready: re.Pattern[str], *, tmp_path: Path, fake: FakeSlack, engine: Engine, **settings: str
) -> tuple[subprocess.Popen[str], list[str], re.Match[str]]:
    """`partnerbot ARGV…` as its own process, once its log says `ready`; its log lines keep coming into the list."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "PARTNERBOT_"))}
    env |= {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_BASE_URL": fake.api_url,
        "DATABASE_URL": database_url(engine, tmp_path),
        "PARTNERBOT_TIMEZONE": "Europe/Warsaw",
        **settings,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *argv],
        cwd=tmp_path,
        env=env | {"PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log: list[str] = []
    found = threading.Event()
    matched: list[re.Match[str]] = []

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            log.append(line)
            if (match := ready.search(line)) and not found.is_set():
                matched.append(match)
                found.set()

    threading.Thread(target=read, daemon=True).start()
    if not found.wait(60):
        process.kill()
        raise AssertionError(f"partnerbot {argv[0]} did not start:\n" + "".join(log))
    return process, log, matched[0]


@contextmanager
def serve_process(tmp_path: Path, fake: FakeSlack, engine: Engine) -> Iterator[Served]:
    """A `partnerbot serve` whose requests may wait up to 30 s for a lock; killed if a test leaves it running."""
    running = start_serve(tmp_path, fake, engine, PARTNERBOT_DB_STATEMENT_TIMEOUT="30")
    try:
        yield running
    finally:
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait(10)


@pytest.fixture
def served(tmp_path: Path, fake_slack: FakeSlack, sqlite_engine: Engine) -> Iterator[Served]:
    with serve_process(tmp_path, fake_slack, sqlite_engine) as running:
        yield running


def in_background(send: callable) -> tuple[threading.Thread, list[HttpAnswer]]:  # type: ignore[valid-type]
    answers: list[HttpAnswer] = []
    thread = threading.Thread(target=lambda: answers.append(send()), daemon=True)
    thread.start()
    return thread, answers


def test_sigterm_answers_the_requests_in_flight_stops_listening_and_exits_0(
    engine: Engine, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    with serve_process(tmp_path, fake_slack, engine) as served:
        answer_in_flight_after_sigterm(served, engine, tmp_path)


def answer_in_flight_after_sigterm(served: Served, engine: Engine, tmp_path: Path) -> None:
    slack = served.slack
    assert slack.get("/healthz").status == 200
    release = hold_every_write(engine, tmp_path)  # every request that touches partners now waits: it is in flight
    assert slack.command("add Acme", response="lazy").status == 200  # acked; its lazy listener waits
    view = sealed(build_registration_modal(registration_form(), user_id="U01ANNA", metadata={}))
    form, answers = in_background(lambda: slack.interaction(submission(view, name="Globex")))
    time.sleep(1.0)

    served.process.send_signal(signal.SIGTERM)
    time.sleep(1.0)
    assert served.process.poll() is None, "it must wait for the requests in flight"
    host, port = slack.app_url.removeprefix("http://").split(":")
    with pytest.raises(OSError):
        socket.create_connection((host, int(port)), timeout=2).close()
    release()

    form.join(20)
    assert [(answer.status, answer.body) for answer in answers] == [(200, "")]
    assert "Added Acme" in visible_text(slack.reply("lazy"))
    assert served.process.wait(30) == 0, served.log_text()
    with Session(slack.engine) as session:
        assert sorted(partner.name for partner in session.exec(select(Partner))) == ["Acme", "Globex"]
    assert "stopped cleanly" in served.log_text()


def test_sigterm_when_idle_exits_0_at_once(served: Served) -> None:
    started = time.monotonic()
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(15) == 0
    assert time.monotonic() - started < 5


def test_a_20_mb_body_is_refused_with_413_and_the_log_does_not_grow_with_it(served: Served) -> None:
    slack = served.slack
    time.sleep(0.5)
    before = len(served.log_text())
    head = head_for(slack, {"Content-Type": FORM, "Content-Length": str(TWENTY_MB)} | Slack.sign(""))
    answer = raw_exchange(slack, head, [b"x" * 65536] * 320)
    assert answer.startswith("HTTP/1.1 413")
    time.sleep(0.5)
    assert len(served.log_text()) - before < 500


def test_request_content_cannot_write_its_own_log_lines(served: Served) -> None:
    slack = served.slack
    forged = "x\n2026-11-30 12:00:00,000 ERROR partnerbot: FORGED\r\nFORGED again"
    unmatched = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U01ANNA"},
        "api_app_id": "A1",
        "actions": [{"action_id": forged, "value": forged, "type": "button"}],
    }
    slack.post(signed_interaction(unmatched), FORM)
    opened = {**unmatched, "response_url": slack.fake.response_url("open")}
    opened["actions"] = [{"action_id": "stall_open", "value": forged, "type": "button"}]
    slack.post(signed_interaction(opened), FORM)  # int(value) fails inside the listener, which logs it
    slack.reply("open")
    slack.post(json.dumps({"type": "event_callback", "event": forged}), "application/json")
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(15) == 0
    lines = served.log_text().splitlines()
    assert not [line for line in lines if line.startswith(("2026-11-30 12:00:00", "FORGED"))], served.log_text()


def test_serve_with_a_database_that_never_answers_stops_at_once_with_a_clear_message(tmp_path: Path) -> None:
    hole = BlackHole().start()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "PARTNERBOT_"))}
    env |= {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{hole.port}/test",
        "PYTHONPATH": str(ROOT),
    }
    try:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "bot.cli", "serve", "--port", "0"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        hole.stop()
    assert result.returncode == 1
    assert "the database does not answer: connection timeout expired" in result.stderr
    assert time.monotonic() - started < 15
