"""SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET switch on installing to many workspaces together."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from bot.slack_client import build_web_client

OAUTH = {"SLACK_CLIENT_ID": "1111.2222", "SLACK_CLIENT_SECRET": "secret", "SLACK_STATE_SECRET": "s" * 32}


def settings(**values: str) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_all_three_switch_oauth_on_and_the_shared_client_carries_no_token_of_its_own() -> None:
    loaded = settings(SLACK_BOT_TOKEN="xoxb-ignored", **OAUTH)
    assert loaded.installs_to_many_workspaces
    assert build_web_client(loaded).token is None


def test_without_them_one_bot_token_speaks_for_every_request() -> None:
    loaded = settings(SLACK_BOT_TOKEN="xoxb-one")
    assert not loaded.installs_to_many_workspaces
    assert build_web_client(loaded).token == "xoxb-one"


@pytest.mark.parametrize("left_out", sorted(OAUTH))
def test_one_of_the_three_missing_is_refused_naming_it(left_out: str) -> None:
    given = {name: value for name, value in OAUTH.items() if name != left_out}
    with pytest.raises(ValidationError, match=f"switch on installing to many workspaces; {left_out} is not set"):
        settings(**given)


def test_a_short_state_secret_is_refused_naming_it() -> None:
    with pytest.raises(ValidationError, match="SLACK_STATE_SECRET is too short"):
        settings(**{**OAUTH, "SLACK_STATE_SECRET": "short"})
