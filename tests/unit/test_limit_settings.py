"""The database timeouts, the health-check deadline, the body cap and the shutdown grace: defaults and overrides."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from storage.database import DatabaseTimeouts


def test_defaults_bound_every_database_wait_to_a_few_seconds() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.database_timeouts == DatabaseTimeouts(connect=2, statement=5, pool=2)
    assert (settings.health_timeout, settings.max_body_bytes, settings.shutdown_grace) == (2, 1024 * 1024, 25)


def test_each_limit_is_read_from_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "PARTNERBOT_DB_CONNECT_TIMEOUT": "3",
        "PARTNERBOT_DB_STATEMENT_TIMEOUT": "1.5",
        "PARTNERBOT_DB_POOL_TIMEOUT": "4",
        "PARTNERBOT_HEALTH_TIMEOUT": "1",
        "PARTNERBOT_MAX_BODY_BYTES": "65536",
        "PARTNERBOT_SHUTDOWN_GRACE": "10",
    }.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.database_timeouts == DatabaseTimeouts(connect=3, statement=1.5, pool=4)
    assert (settings.health_timeout, settings.max_body_bytes, settings.shutdown_grace) == (1, 65536, 10)


@pytest.mark.parametrize("name", ["PARTNERBOT_DB_CONNECT_TIMEOUT", "PARTNERBOT_DB_STATEMENT_TIMEOUT"])
def test_a_zero_or_negative_timeout_is_refused(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "0")
    with pytest.raises(ValidationError, match=name.removeprefix("PARTNERBOT_")):
        Settings(_env_file=None)  # type: ignore[call-arg]
