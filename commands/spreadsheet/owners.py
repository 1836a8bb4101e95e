"""An owner cell as a Slack user id: `<@U123|anna>`, `U123`, or an e-mail address matched through `People`.

Anything else matches no one and is reported by line; it is never kept as free text, which would put the
partner on nobody's App Home.
"""

from __future__ import annotations

import re

from commands.people import People
from domain.language import tr

_MENTION = re.compile(r"<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>")
_USER_ID = re.compile(r"@?([UW][A-Z0-9_]+)")
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


class OwnerMatcher:
    def __init__(self, people: People) -> None:
        self.people = people
        self.cache: dict[str, tuple[str | None, str | None]] = {}

    def match(self, raw: str) -> tuple[str | None, str | None]:
        """(user id or None for an empty cell, None) or (None, why it matched no one)."""
        text = raw.strip()
        if text not in self.cache:
            self.cache[text] = self._match(text)
        return self.cache[text]

    def _match(self, text: str) -> tuple[str | None, str | None]:
        if not text:
            return None, None
        for pattern in (_MENTION, _USER_ID):
            found = pattern.fullmatch(text)
            if found:
                return found[1], None
        if _EMAIL.fullmatch(text):
            if not self.people.knows_emails:
                return None, tr(
                    "owner '{text}' was not matched: e-mails are matched only when a Slack bot token is set", text=text
                )
            user = self.people.lookup_email(text)
            return (user, None) if user else (None, tr("owner '{text}' matches no one in Slack", text=text))
        return None, tr("owner '{text}' is not a Slack user (use <@U…>, a user id or an e-mail)", text=text)
