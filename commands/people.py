"""Finding a Slack user from what a spreadsheet says about them, without commands calling Slack themselves."""

from __future__ import annotations

from typing import Protocol


class People(Protocol):
    """Looks people up in the workspace (in Slack: users.lookupByEmail, scope `users:read.email`)."""

    def lookup_email(self, email: str) -> str | None:
        """The user id of the member with this e-mail address, or None when no one has it."""
        ...
