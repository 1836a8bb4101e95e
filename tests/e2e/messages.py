"""Reading what the app sent: all visible text of a message or view, as Slack would display it."""

from __future__ import annotations

from typing import Any


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
