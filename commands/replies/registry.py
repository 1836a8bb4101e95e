"""Replies about partners and the journey: cards, moves, lists, the registration form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from commands.replies.base import Choice
from commands.replies.paging import PageInfo

if TYPE_CHECKING:
    from commands.replies.alliances import AllianceAdvice
    from commands.replies.feedback import FeedbackSummary
    from commands.replies.kpis import Figures
    from commands.replies.profile import EditLine
    from commands.replies.scoring import ScoreSummary
    from commands.replies.stages import ChecklistProgress
    from commands.replies.touchpoints import TouchpointLine
    from domain.targets import TargetProgress


@dataclass(frozen=True)
class MoveLine:
    when: datetime
    from_stage: str | None
    to_stage: str
    by: str
    note: str | None


@dataclass(frozen=True)
class PartnerCard:
    name: str
    stage: str
    stage_key: str
    stage_since: date
    days_in_stage: int
    stalled: bool
    owner: str | None
    type: str | None
    size: str | None
    segment: str | None
    alliance: str | None
    notes: str | None
    archived: bool
    moves: tuple[MoveLine, ...]
    headline: str | None = None
    feedback: FeedbackSummary | None = None
    kpis: Figures | None = None
    score: ScoreSummary | None = None
    alliances: AllianceAdvice | None = None
    source: str | None = None
    edits: tuple[EditLine, ...] = ()
    touchpoints: tuple[TouchpointLine, ...] = ()
    checklist: ChecklistProgress | None = None
    targets: tuple[TargetProgress, ...] = ()


@dataclass(frozen=True)
class StageMoved:
    partner: str
    from_stage: str
    to_stage: str
    days_in_previous: int
    backwards: bool
    note: str | None
    by: str
    open_steps: tuple[str, ...] = ()
    """Checklist steps of the stage it left that were not done (the move happens anyway)."""


@dataclass(frozen=True)
class PartnerRow:
    name: str
    days_in_stage: int
    stalled: bool
    owner: str | None
    type: str | None


@dataclass(frozen=True)
class StageGroup:
    stage: str
    stage_key: str
    total: int
    rows: tuple[PartnerRow, ...]


@dataclass(frozen=True)
class PartnerListing:
    groups: tuple[StageGroup, ...]
    total: int
    shown: int
    stage_filter: str | None = None
    page: PageInfo | None = None


@dataclass(frozen=True)
class RegistrationForm:
    """The registration modal: the fields and their choices; `name` pre-fills the name."""

    types: tuple[Choice, ...]
    sizes: tuple[Choice, ...]
    alliances: tuple[Choice, ...]
    name: str = ""
    sources: tuple[Choice, ...] = ()
