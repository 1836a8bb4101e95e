"""The app manifest a user pastes into Slack must match what the code listens to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


def manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_partner_command_is_declared_with_escaping_so_mentions_arrive_as_ids() -> None:
    [command] = manifest()["features"]["slash_commands"]
    assert command["command"] == "/partner" and command["should_escape"] is True


def test_manifest_asks_for_the_scopes_the_features_use() -> None:
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "chat:write.public", "files:write", "im:write", "users:read"} <= scopes
    assert "users:read.email" in scopes  # owners imported by e-mail (users.lookupByEmail)


def test_socket_mode_interactivity_and_app_home_are_on() -> None:
    data = manifest()
    assert data["settings"]["socket_mode_enabled"] is True
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert "app_home_opened" in data["settings"]["event_subscriptions"]["bot_events"]
    assert data["features"]["app_home"]["home_tab_enabled"] is True
