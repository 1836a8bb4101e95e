"""Block Kit as plain text: the notification fallback for Slack, and what the console prints."""

from __future__ import annotations

import html
import re
from typing import Any

from domain.language import tr

_MENTION = re.compile(r"<([@#!])([^|>]+)(?:\|([^>]+))?>")
_BOLD = re.compile(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(\S(?:[^_\n]*\S)?)_(?![\w_])")
EMOJI = {
    ":warning:": "⚠",
    ":white_check_mark:": "✔",
    ":hourglass:": "⌛",
    ":arrow_forward:": "▶",
    ":arrow_backward:": "◀",
    ":file_cabinet:": "🗄",
    ":speech_balloon:": "💬",
    ":bar_chart:": "📊",
    ":leftwards_arrow_with_hook:": "↩",
    ":memo:": "📝",
    ":incoming_envelope:": "📨",
    ":wave:": "👋",
    ":zzz:": "💤",
    ":tada:": "🎉",
    ":trophy:": "🏆",
    ":calendar:": "📅",
}


def _text_of(obj: dict[str, Any] | None) -> str:
    """Text objects are escaped by the builders, plain_text and mrkdwn alike."""
    return obj.get("text", "") if obj else ""


def _block_lines(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = _text_of(block.get("text"))
        return [title, "=" * min(len(title), 60)]
    if kind == "section":
        lines = [_text_of(block.get("text"))] if block.get("text") else []
        lines += [_text_of(field).replace("\n", ": ", 1) for field in block.get("fields", [])]
        return lines
    if kind == "context":
        return [" · ".join(_text_of(element) for element in block.get("elements", []))]
    if kind == "divider":
        return ["-" * 40]
    if kind == "actions":
        return ["  ".join(f"[{_text_of(e.get('text'))}]" for e in block.get("elements", []))]
    if kind == "image":
        return [tr("[image: {alt_text}]", alt_text=block.get("alt_text", ""))]
    return []


def blocks_to_mrkdwn(blocks: list[dict[str, Any]]) -> str:
    """A mrkdwn rendering of the blocks, still escaped: safe as a message's `text` fallback."""
    return "\n".join(line for block in blocks for line in _block_lines(block))


def _readable_entity(match: re.Match[str]) -> str:
    sigil, ident, label = match.groups()
    if sigil == "!":
        return "@" + (label or ident)
    return ("@" if sigil == "@" else "#") + (label or ident)


def mrkdwn_to_terminal(text: str) -> str:
    """What a person would read in Slack: mentions as @id, emphasis dropped, entities decoded."""
    text = _MENTION.sub(_readable_entity, text).replace("```\n", "").replace("\n```", "")
    text = _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))
    for code, symbol in EMOJI.items():
        text = text.replace(code, symbol)
    return html.unescape(text)
