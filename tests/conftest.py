"""Shared fixtures: migrated databases on SQLite (always) and PostgreSQL (when configured)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from commands.context import Invocation
from storage.throwaway import throwaway_engine
from storage.unit_of_work import UnitOfWork

POSTGRES_URL_VARIABLE = "PARTNERBOT_TEST_POSTGRES_URL"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory / 'partnerbot-test.db'}"


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    with throwaway_engine(sqlite_url(tmp_path)) as engine:
        yield engine


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    """A migrated engine confined to a fresh schema, dropped afterwards, so runs never see each other's rows."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} is not set; PostgreSQL tests need a server (.ci/run sets it)")
    with throwaway_engine(url, schema_prefix="pb_test") as engine:
        yield engine


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each storage test runs once per engine."""
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def invocation_for(engine: Engine) -> Callable[..., Invocation]:
    def make(
        *, team_id: str = "T1", user_id: str = "U1", now: datetime = NOW, zone: str = "Europe/Warsaw"
    ) -> Invocation:
        return Invocation(team_id, user_id, now, ZoneInfo(zone), lambda: UnitOfWork(engine))

    return make


@pytest.fixture(autouse=True)
def _english_with_nothing_remembered() -> Iterator[None]:
    """Each test starts in English with no reader's language remembered from another test's workspace; a
    language a command switched to (in the test's own thread) ends with the test."""
    from commands.language import forget_remembered
    from domain.language import speaking

    forget_remembered()
    with speaking(None):
        yield
    forget_remembered()
