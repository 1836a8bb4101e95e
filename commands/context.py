"""Who is asking, where, and when: everything a command needs besides its own words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from commands.people import People
from domain.feedback import DEFAULT_PAIN_POINTS
from domain.journey import DEFAULT_JOURNEY, Journey
from storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Invocation:
    team_id: str
    user_id: str
    now: datetime
    timezone: ZoneInfo
    unit_of_work: Callable[[], UnitOfWork]
    channel_id: str | None = None
    journey: Journey = field(default=DEFAULT_JOURNEY)
    pain_points: tuple[str, ...] = DEFAULT_PAIN_POINTS
    people: People | None = None
    """Looks Slack users up by e-mail; None offline (then e-mail owners are reported as unmatched)."""
