"""Who a Slack user is, as commands need to know it, without commands talking to Slack.

The port is general on purpose: `/partner ask` checks that leads are people; other commands will
read e-mail, admin flags, time zone and locale from the same `Person`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.errors import PartnerbotError
from domain.language import tr


@dataclass(frozen=True)
class Person:
    user_id: str
    name: str = ""
    """What Slack shows for them: display name, else real name, else the handle."""
    is_bot: bool = False
    deleted: bool = False
    """Deactivated in the workspace."""
    is_admin: bool = False
    is_owner: bool = False
    timezone: str | None = None
    locale: str | None = None
    email: str | None = None
    team_id: str | None = None
    """The workspace the person belongs to (another one for a Slack Connect guest)."""
    is_stranger: bool = False
    """Slack says the person is from another organisation and shares no workspace with this one."""

    @property
    def shown(self) -> str:
        return f"{self.name} ({self.user_id})" if self.name else self.user_id


class People(Protocol):
    knows_emails: bool
    """False offline, where no directory can match an e-mail address to a user."""

    def lookup(self, user_id: str) -> Person | None:
        """The person, or None when the workspace has no such user. Raises PeopleUnavailable when it cannot tell."""
        ...

    def known(self, user_id: str) -> Person | None:
        """The person if already at hand, without asking Slack (None: not known yet): for paths that must
        answer within Slack's 3 seconds."""
        ...

    def lookup_email(self, email: str) -> str | None:
        """The user id of the member with this e-mail address (in Slack: users.lookupByEmail, scope
        `users:read.email`), or None when no one has it."""
        ...


class PeopleUnavailable(PartnerbotError):
    def __init__(self, user_id: str) -> None:
        super().__init__(
            tr("Slack did not say who {user} is just now; nothing was changed. Try again in a minute.", user=user_id)
        )


class EveryoneIsAPerson:
    """Offline (the console, tests): no directory to ask, so every id is taken for a person, speaking `locale`
    (the console's `--lang`; None: no locale of their own, so the workspace's language), and for the
    workspace's owner: whoever runs the console has the database in hand anyway."""

    knows_emails = False
    locale: str | None = None

    def __init__(self, locale: str | None = None) -> None:
        self.locale = locale

    def lookup(self, user_id: str) -> Person | None:
        return Person(user_id, locale=self.locale, is_owner=True)

    def known(self, user_id: str) -> Person | None:
        return self.lookup(user_id)

    def lookup_email(self, email: str) -> str | None:
        return None


EVERYONE = EveryoneIsAPerson()
