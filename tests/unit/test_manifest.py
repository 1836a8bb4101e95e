"""The app manifest a user pastes into Slack must match what the code listens to and calls."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from slack_sdk import WebClient
from slack_sdk.web.base_client import BaseClient

from bot.slack_scopes import BOT_EVENTS, SCOPES_BY_METHOD, SDK_HELPERS, required_bot_scopes

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "manifest.yml"
CODE = ("bot", "commands", "domain", "storage")
CALLED_BY_BOLT = {"auth.test"}  # bolt's single-workspace authorization, not our code


def manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def sources() -> str:
    paths = sorted(path for folder in CODE for path in (ROOT / folder).rglob("*.py"))
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


def web_api_methods_called() -> set[str]:
    """Every Web API method the code calls through a WebClient method or `api_call("…")`."""
    api_methods = set(dir(WebClient)) - set(dir(BaseClient))
    text = sources()
    called: set[str] = set(re.findall(r"api_call\(\s*[\"']([\w.]+)[\"']", text))
    for name in set(re.findall(r"\.(\w+)\(", text)) & api_methods:
        called.update(SDK_HELPERS.get(name, (name.replace("_", "."),)))
    return called


def test_partner_command_is_declared_with_escaping_so_mentions_arrive_as_ids() -> None:
    [command] = manifest()["features"]["slash_commands"]
    assert command["command"] == "/partner" and command["should_escape"] is True


def test_manifest_asks_for_the_scopes_the_features_use() -> None:
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "chat:write.public", "files:write", "users:read", "groups:read"} <= scopes


def test_every_web_api_method_the_code_calls_has_its_scopes_in_the_table() -> None:
    called = web_api_methods_called()
    assert {"chat.postMessage", "users.info", "conversations.info", "files.completeUploadExternal"} <= called
    assert called - set(SCOPES_BY_METHOD) == set(), "add the method and its scopes to bot/slack_scopes.py"
    assert set(SCOPES_BY_METHOD) - called - CALLED_BY_BOLT == set(), "nothing calls these any more"


def test_manifest_declares_exactly_the_scopes_the_called_methods_need() -> None:
    declared = manifest()["oauth_config"]["scopes"]["bot"]
    assert len(declared) == len(set(declared))
    assert set(declared) == required_bot_scopes()
    assert "users:read.email" in declared  # owners imported by e-mail (users.lookupByEmail)


def test_manifest_subscribes_exactly_the_events_the_app_listens_to() -> None:
    listened = set(re.findall(r"app\.event\(\s*\"(\w+)\"", sources()))
    subscribed = manifest()["settings"]["event_subscriptions"]["bot_events"]
    assert set(subscribed) == listened == set(BOT_EVENTS)
    assert {"app_uninstalled", "tokens_revoked"} <= set(subscribed)


def test_socket_mode_interactivity_and_app_home_are_on() -> None:
    data = manifest()
    assert data["settings"]["socket_mode_enabled"] is True
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert "app_home_opened" in data["settings"]["event_subscriptions"]["bot_events"]
    assert data["features"]["app_home"]["home_tab_enabled"] is True
