"""Who is asking, where, and when: everything a command needs besides its own words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.people import EVERYONE, People
from commands.workspace import load_journey
from domain.feedback import DEFAULT_PAIN_POINTS
from domain.journey import Journey
from storage.unit_of_work import UnitOfWork


class Workspace:
    """A workspace's own settings, read once per invocation in the first unit of work its command opens.

    Reading them there, rather than before the command runs, keeps a request to one session.
    """

    def __init__(self, team_id: str) -> None:
        self._team_id = team_id
        self._journey: Journey | None = None

    def read(self, session: Session) -> None:
        if self._journey is None:
            self._journey = load_journey(session=session, team_id=self._team_id)

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
    admins: frozenset[str] = frozenset()
    """Ids made admins by the deployment (PARTNERBOT_ADMINS), whatever the workspace granted."""
    workspace: Workspace = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # one per invocation (`dataclasses.replace` makes a new one, as a new request would)
        object.__setattr__(self, "workspace", Workspace(self.team_id))

    def unit_of_work(self) -> UnitOfWork:
        """The command's unit of work; the workspace's settings are read in its session as it opens."""
        return self.database().on_begin(self.workspace.read)

    @property
    def journey(self) -> Journey:
        return self.workspace.journey
