"""Escaping and small formatting helpers shared by the Block Kit builders.

Dates are written in the reader's language through Babel: `30 Nov 2026` in English (as always), the full
month in the genitive elsewhere: «30 ноября 2026», „30 listopada 2026".
"""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.dates import format_date, format_time

from domain.language import current_language, current_locale, trn

_SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
_DAY_PATTERN = {"en": "d MMM y"}
_LONG_DAY = "d MMMM y"


def escape(text: str) -> str:
    """Slack's three control characters, so typed text can never become `<!channel>` or a mention."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def person(who: str | None) -> str:
    """A Slack user id as a mention; anything else (a name from a spreadsheet, 'console') as escaped text."""
    if not who:
        return "—"
    return f"<@{who}>" if _SLACK_USER_ID.fullmatch(who) else escape(who)


def day(value: date) -> str:
    pattern = _DAY_PATTERN.get(current_language(), _LONG_DAY)
    return format_date(value, pattern, locale=current_locale())


def moment(value: datetime) -> str:
    return f"{day(value.date())} {format_time(value, 'HH:mm', locale=current_locale())}"


def days(count: int) -> str:
    return trn("{count} day", "{count} days", count)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
