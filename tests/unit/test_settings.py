"""Settings come from the contract's environment variables and refuse bad values with a clear message."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import DEFAULT_DATABASE_URL, Settings
from domain.feedback import DEFAULT_PAIN_POINTS


def settings(**values: str) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_defaults_are_a_local_sqlite_file_utc_and_the_default_pain_points(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "PARTNERBOT_TIMEZONE", "PARTNERBOT_PAIN_POINTS", "SLACK_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    loaded = settings()
    assert (loaded.database_url, loaded.timezone.key, loaded.pain_points) == (
        DEFAULT_DATABASE_URL,
        "UTC",
        DEFAULT_PAIN_POINTS,
    )


def test_custom_pain_points_are_trimmed_lowercased_and_always_offer_other() -> None:
    assert settings(PARTNERBOT_PAIN_POINTS=" Pricing, tooling ,other,").pain_points == ("pricing", "tooling", "other")


def test_an_empty_pain_point_list_is_refused() -> None:
    with pytest.raises(ValidationError, match="PARTNERBOT_PAIN_POINTS is empty"):
        settings(PARTNERBOT_PAIN_POINTS=" , ")


def test_an_unknown_time_zone_is_refused_naming_the_variable() -> None:
    with pytest.raises(ValidationError, match="PARTNERBOT_TIMEZONE='Mars/Olympus' is not an IANA time zone"):
        settings(PARTNERBOT_TIMEZONE="Mars/Olympus")


def test_api_base_url_gets_the_trailing_slash_the_web_client_needs() -> None:
    assert settings(SLACK_API_BASE_URL="http://127.0.0.1:9/api").slack_api_base_url == "http://127.0.0.1:9/api/"
