"""Retention: sent or failed outbox steps and finished inbox commands older than PARTNERBOT_RETENTION_DAYS are
deleted by the `prune` job, in bounded batches; pending work and recent rows stay. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session, col, create_engine, select

import bot.jobs.prune as prune_job
from bot.jobs import JOBS
from bot.services import Services
from bot.settings import Settings
from bot.workspace_clients import WorkspaceClients
from storage.delivery_tables import CommandInbox, OutboxStep

NOW = datetime(2026, 11, 30, 3, 30, tzinfo=UTC)


def step(key: str, state: str, age_days: float, parent: OutboxStep | None = None) -> OutboxStep:
    at = NOW - timedelta(days=age_days)
    parent_id = parent.id if parent is not None else None
    return OutboxStep(
        team_id="T1", key=key, kind="message", channel="C1", payload="{}", state=state,
        next_attempt_at=at, created_at=at, parent_id=parent_id,
    )


def command(text: str, state: str, age_days: float) -> CommandInbox:
    at = NOW - timedelta(days=age_days)
    return CommandInbox(
        team_id="T1", user_id="U1", text=text, received_at=at, state=state, claimed_by="host",
        lease_until=at + timedelta(minutes=5), finished_at=at + timedelta(seconds=1),
    )


def prune(engine: Engine, **settings: str) -> str:
    services = Services(settings=Settings(_env_file=None, **settings), engine=engine, clock=lambda: NOW)
    return JOBS["prune"](services, WorkspaceClients.single(WebClient(token="xoxb-test")), NOW)


def keys(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(OutboxStep.key)).all())


def texts(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(CommandInbox.text)).all())


def test_finished_rows_past_retention_are_deleted_and_the_rest_stays(engine: Engine) -> None:
    with Session(engine) as session:
        summary = step("old-summary-being-updated", "sent", 30)
        session.add(summary)
        session.flush()
        session.add_all([
            step("old-sent", "sent", 15), step("old-failed", "failed", 20), step("recent-sent", "sent", 13),
            step("old-pending", "pending", 40), step("old-sending", "sending", 40),
            step("its-update", "pending", 0, parent=summary),
        ])
        session.add_all([
            command("old-delivered", "delivered", 15), command("old-expired", "expired", 15),
            command("old-failed", "failed", 30), command("recent-delivered", "delivered", 1),
            command("old-pending", "pending", 15), command("old-answered", "answered", 15),
        ])
        session.commit()
    report = prune(engine)
    assert report == "prune: 2 outbox steps and 3 inbox commands older than 14 days deleted"
    assert keys(engine) == sorted(
        ["old-summary-being-updated", "recent-sent", "old-pending", "old-sending", "its-update"]
    )
    assert texts(engine) == ["old-answered", "old-pending", "recent-delivered"]
    assert prune(engine) == "prune: 0 outbox steps and 0 inbox commands older than 14 days deleted"


def test_the_retention_is_configurable_and_a_big_backlog_goes_in_bounded_batches(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Session(engine) as session:
        session.add_all(step(f"s{n:03}", "sent", 3) for n in range(25))
        session.add_all(command(f"c{n:03}", "delivered", 3) for n in range(7))
        session.commit()
    assert prune(engine).startswith("prune: 0 outbox steps")  # 3 days old, 14 kept by default
    batches: list[int] = []
    original = prune_job.prune_outbox_batch

    def counted(**arguments: object) -> int:
        deleted = original(**arguments)  # type: ignore[arg-type]
        batches.append(deleted)
        return deleted

    monkeypatch.setattr(prune_job, "BATCH", 10)
    monkeypatch.setattr(prune_job, "prune_outbox_batch", counted)
    report = prune(engine, PARTNERBOT_RETENTION_DAYS="2")
    assert report == "prune: 25 outbox steps and 7 inbox commands older than 2 days deleted"
    assert batches == [10, 10, 5] and keys(engine) == [] and texts(engine) == []


def test_run_job_prune_runs_it_once(tmp_path: Path) -> None:
    database = tmp_path / "partnerbot.db"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "PARTNERBOT_"))}
    env |= {"DATABASE_URL": f"sqlite:///{database}", "SLACK_BOT_TOKEN": "xoxb-test"}
    env |= {"SLACK_API_BASE_URL": "http://127.0.0.1:9/api/"}

    def partnerbot(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "bot.cli", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)

    assert partnerbot("migrate").returncode == 0
    engine = create_engine(f"sqlite:///{database}")
    now = datetime.now(UTC)
    with Session(engine) as session:
        old = OutboxStep(
            team_id="T1", key="old", kind="message", channel="C1", payload="{}", state="sent",
            next_attempt_at=now - timedelta(days=20), created_at=now - timedelta(days=20),
        )
        session.add(old)
        session.commit()
    result = partnerbot("run-job", "prune")
    assert result.returncode == 0, result.stderr
    assert "prune: 1 outbox steps and 0 inbox commands older than 14 days deleted" in result.stdout
    with Session(engine) as session:
        assert session.exec(select(OutboxStep).where(col(OutboxStep.key) == "old")).first() is None
