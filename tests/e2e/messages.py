"""Reading what the app sent (all visible text of a message or view, as Slack would display it), and
writing what Slack sends back (a modal's submission)."""

from __future__ import annotations

import json
from typing import Any

from tests.e2e.fake_slack import Call


def visible_text(payload: dict[str, Any] | list[Any]) -> str:
    """Every `text` string in blocks, fields and elements, joined by newlines (still Slack-escaped)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            text = node.get("text")
            if isinstance(text, str):
                found.append(text)
            for key, value in node.items():
                if key != "text" or not isinstance(value, str):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(payload.get("blocks", []) if isinstance(payload, dict) else payload)
    return "\n".join(found)


def view_submission(
    view: dict[str, Any], states: dict[str, dict[str, Any]], *, user: str = "U01ANNA"
) -> dict[str, Any]:
    """A `view_submission` payload as Slack sends it for `view`, each block's input in `states` (action id `value`)."""
    return {
        "type": "view_submission",
        "team": {"id": "T1", "domain": "acme"},
        "user": {"id": user, "username": "anna", "team_id": "T1"},
        "api_app_id": "A1",
        "trigger_id": "trigger-submit",
        "view": {
            **view,
            "id": "V123",
            "team_id": "T1",
            "state": {"values": {block: {"value": state} for block, state in states.items()}},
        },
    }


def everything_posted(calls: list[Call]) -> str:
    """The bodies of all recorded calls as one JSON text, for asserting what must never be sent."""
    return json.dumps([call.body for call in calls], ensure_ascii=False)


def button_click(
    message: dict[str, Any], action_id: str, *, user: str, trigger_id: str, action: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A `block_actions` payload as Slack sends it when `user` clicks the button `action_id` in a posted `message`
    (or makes the choice `action` describes)."""
    if action is None:
        block, button = next(
            (block, element)
            for block in message["blocks"]
            for element in block.get("elements", [])
            if element.get("action_id") == action_id
        )
        action = {
            "type": "button",
            "action_id": action_id,
            "block_id": block.get("block_id", "b1"),
            "text": button["text"],
            "value": button["value"],
        }
    return {
        "type": "block_actions",
        "team": {"id": "T1", "domain": "acme"},
        "user": {"id": user, "username": user.lower(), "team_id": "T1"},
        "api_app_id": "A1",
        "token": "legacy",
        "trigger_id": trigger_id,
        "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": "D1", "is_ephemeral": False},
        "channel": {"id": "D1", "name": "directmessage"},
        "message": {
            "type": "message",
            "ts": "1700000000.000100",
            "text": message.get("text", ""),
            "blocks": message["blocks"],
        },
        "actions": [{**action, "action_ts": "1700000001.000200"}],
    }


def overflow_choice(message: dict[str, Any], value: str, *, user: str, trigger_id: str) -> dict[str, Any]:
    """A `block_actions` payload as Slack sends it when `user` picks the option `value` in an overflow menu of a
    posted `message` (the menu is a section's accessory)."""
    block, menu = next(
        (block, block["accessory"])
        for block in message["blocks"]
        if block.get("accessory", {}).get("type") == "overflow"
        and any(option["value"] == value for option in block["accessory"]["options"])
    )
    option = next(option for option in menu["options"] if option["value"] == value)
    action = {"type": "overflow", "action_id": menu["action_id"], "block_id": block.get("block_id", "b1")}
    payload = button_click(message, "", user=user, trigger_id=trigger_id, action={**action, "selected_option": option})
    payload["container"].update(message_ts="1600000000.000001", channel_id="C0ELSEWHERE")
    payload["channel"] = {"id": "C0ELSEWHERE", "name": "elsewhere"}
    return payload
