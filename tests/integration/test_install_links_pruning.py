"""Install links ("Add to Slack" OAuth states) that expired unused are deleted by the `prune` job; live ones stay,
so an install in progress can still finish. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy import Engine, insert, select

from bot.jobs import JOBS
from bot.services import Services
from bot.settings import Settings
from bot.workspace_clients import WorkspaceClients
from storage.oauth_tables import slack_oauth_states

NOW = datetime(2026, 11, 30, 3, 30, tzinfo=UTC)


def test_expired_install_links_are_pruned_and_live_ones_stay(engine: Engine) -> None:
    naive = NOW.replace(tzinfo=None)
    with engine.begin() as connection:
        connection.execute(
            insert(slack_oauth_states),
            [
                {"state": "abandoned", "expire_at": naive - timedelta(days=3)},
                {"state": "just-expired", "expire_at": naive - timedelta(seconds=1)},
                {"state": "in-progress", "expire_at": naive + timedelta(minutes=9)},
            ],
        )
    services = Services(settings=Settings(_env_file=None), engine=engine, clock=lambda: NOW)
    report = JOBS["prune"](services, WorkspaceClients.single(WebClient()), NOW)
    assert report.endswith("; 2 expired install link(s)")
    with engine.connect() as connection:
        assert list(connection.execute(select(slack_oauth_states.c.state)).scalars()) == ["in-progress"]
    assert "install link" not in JOBS["prune"](services, WorkspaceClients.single(WebClient()), NOW)
