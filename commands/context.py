"""Who is asking, where, and when: everything a command needs besides its own words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.language import read_choices, remember, slack_locale
from commands.people import EVERYONE, People
from commands.workspace import load_journey
from domain.default_names import shown_journey
from domain.feedback import DEFAULT_PAIN_POINTS
from domain.journey import Journey
from domain.language import current_language, switch_language
from domain.language_choice import LanguageChoices
from storage.audit import Actor
from storage.unit_of_work import UnitOfWork


class Workspace:
    """A workspace's own settings, read once per invocation in the first unit of work its command opens.

    Reading them there, rather than before the command runs, keeps a request to one session.
    """

    def __init__(self, team_id: str, reader: str | None = None, people: People = EVERYONE) -> None:
        self._team_id = team_id
        self._reader = reader
        self._people = people
        self._journey: Journey | None = None
        self._languages: LanguageChoices | None = None

    def read(self, session: Session) -> None:
        if self._languages is None:
            self._languages = read_choices(session=session, team_id=self._team_id, user_id=self._reader or "")
            self._speak()
        if self._journey is None:
            self._journey = shown_journey(load_journey(session=session, team_id=self._team_id))

    def settings_changed(self, session: Session) -> None:
        """Reads the settings again in the same session: an answer to `settings my-language=pl` is in Polish."""
        self._languages = read_choices(session=session, team_id=self._team_id, user_id=self._reader or "")
        self._speak()
        if self._journey is not None:
            self._journey = shown_journey(load_journey(session=session, team_id=self._team_id))

    def _speak(self) -> None:
        """From here on, the command speaks its reader's language (the channel's for a job), when the settings
        or Slack name one; otherwise the language the entry started in stands."""
        assert self._languages is not None
        channel = self._languages.channel_language
        if self._reader is None:
            switch_language(channel or current_language())
            return
        reader = self._languages.reader_language(
            None if self._languages.own else slack_locale(self._people, self._reader, ask_slack=False)
        )
        remember(self._team_id, self._reader, reader=switch_language(reader or current_language()), channel=channel)

    @property
    def channel_language(self) -> str | None:
        """The workspace's language for what a channel sees; None before the command read its settings."""
        return None if self._languages is None else self._languages.channel_language

    def forget(self) -> None:
        """After the journey is redesigned: the next unit of work reads it again."""
        self._journey = None

    @property
    def journey(self) -> Journey:
        if self._journey is None:
            raise RuntimeError("the workspace's journey is read in the command's unit of work: open it first")
        return self._journey


@dataclass(frozen=True)
class Invocation:
    team_id: str
    user_id: str
    now: datetime
    timezone: ZoneInfo
    database: Callable[[], UnitOfWork]
    channel_id: str | None = None
    pain_points: tuple[str, ...] = DEFAULT_PAIN_POINTS
    people: People = EVERYONE
    surface: str = "command"
    """Where the request entered (command, button, form, job, cli, import): the audit trail says so."""
    speaks_to: Literal["reader", "channel"] = "reader"
    """A job speaks to a channel (the workspace's language); a request to its reader (their own)."""
    admins: frozenset[str] = frozenset()
    """Ids made admins by the deployment (PARTNERBOT_ADMINS), whatever the workspace granted."""
    workspace: Workspace = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # one per invocation (`dataclasses.replace` makes a new one, as a new request would)
        object.__setattr__(self, "workspace", Workspace(
            self.team_id, self.user_id if self.speaks_to == "reader" else None, self.people
        ))

    def for_channel(self) -> Invocation:
        """The same request, for a message a channel will see: from its first unit of work on, it speaks the
        workspace's language (the reader's own choice does not apply to a channel)."""
        return replace(self, speaks_to="channel")

    def unit_of_work(self) -> UnitOfWork:
        """The command's unit of work, acting as the invocation's user; the workspace's settings are read in its
        session as it opens."""
        return self.database().on_begin(self.workspace.read).acting(Actor(self.user_id, self.surface, self.now))

    @property
    def journey(self) -> Journey:
        return self.workspace.journey
