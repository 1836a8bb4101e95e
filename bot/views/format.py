"""Escaping and small formatting helpers shared by the Block Kit builders."""

from __future__ import annotations

import re
from datetime import date, datetime

_SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


def escape(text: str) -> str:
    """Slack's three control characters, so typed text can never become `<!channel>` or a mention."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def person(who: str | None) -> str:
    """A Slack user id as a mention; anything else (a name from a spreadsheet, 'console') as escaped text."""
    if not who:
        return "—"
    return f"<@{who}>" if _SLACK_USER_ID.fullmatch(who) else escape(who)


def day(value: date) -> str:
    return f"{value.day} {value.strftime('%b %Y')}"


def moment(value: datetime) -> str:
    return f"{day(value.date())} {value.strftime('%H:%M')}"


def days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
