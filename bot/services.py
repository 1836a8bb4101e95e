"""What listeners need besides the request: the database and the workspace settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from bot.form_seal import FormSeal
from bot.settings import Settings
from commands.context import Invocation
from commands.people import EVERYONE, People
from storage.audit import Actor
from storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Services:
    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    people: People = EVERYONE
    """Slack's directory in the App (bot/people.py); offline, everyone is a person."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Services:
        # bolt deep-copies the context for lazy listeners; the engine and its pool must be shared.
        return self

    @property
    def form_seal(self) -> FormSeal:
        return FormSeal.from_settings(self.settings)

    def unit_of_work(self) -> UnitOfWork:
        """A unit of work of the bot itself (jobs, bookkeeping); an invocation's own says who acts."""
        return UnitOfWork(self.engine).acting(Actor("job", "job", self.clock()))

    def invocation(
        self, *, team_id: str, user_id: str, channel_id: str | None = None, surface: str = "command"
    ) -> Invocation:
        return Invocation(
            team_id=team_id,
            user_id=user_id,
            now=self.clock(),
            timezone=self.settings.timezone,
            database=self.unit_of_work,
            channel_id=channel_id,
            pain_points=self.settings.pain_points,
            people=self.people,
            surface=surface,
            admins=self.settings.admins,
        )
