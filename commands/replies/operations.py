"""Replies about running the program: stalled partners, the weekly digest, the journey map."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from commands.replies.paging import PageInfo

if TYPE_CHECKING:
    from commands.replies.scores import RankRow


@dataclass(frozen=True)
class StalledPartner:
    alert_id: int | None
    partner: str
    stage: str
    stage_key: str
    days: int
    threshold: int
    owner: str | None
    last_activity: str
    snoozed_until: date | None = None
    snoozed_by: str | None = None
    snooze_reason: str | None = None


@dataclass(frozen=True)
class StalledList:
    partners: tuple[StalledPartner, ...]
    thresholds: tuple[tuple[str, int | None], ...]
    page: PageInfo | None = None
    total: int | None = None
    """All stalled partners the filters match (None: `partners` is all of them)."""


@dataclass(frozen=True)
class StallReasons:
    reasons: tuple[tuple[str, int], ...]
    by_stage: tuple[tuple[str, int], ...]
    snoozes: int


@dataclass(frozen=True)
class StallAlertMessage:
    """The alert posted in the digest channel; `outcome` replaces the buttons once someone acted."""

    stalled: StalledPartner
    outcome: str | None = None


@dataclass(frozen=True)
class DigestSettingsView:
    channel_id: str | None
    channel_name: str | None
    schedule: str
    paused: bool
    next_run: datetime | None
    changed: bool = False


@dataclass(frozen=True)
class FunnelLine:
    stage: str
    stage_key: str
    partners: int
    median_days: float | None
    max_days: int | None = None


@dataclass(frozen=True)
class TrendWeek:
    week_start: date
    leads: int
    deals: int
    revenue: Decimal


@dataclass(frozen=True)
class WeeklyDigest:
    title: str
    quiet: bool
    new_partners: int
    stage_moves: int
    feedback: int
    kpis_this_week: dict[str, Decimal]
    kpis_week_before: dict[str, Decimal]
    ranking: tuple[RankRow, ...]
    funnel: tuple[FunnelLine, ...]
    stalled: int
    reached_goal: tuple[str, ...]
    trend: tuple[TrendWeek, ...]


@dataclass(frozen=True)
class MapStageLine:
    stage: str
    partners: int
    median_days: float | None
    max_days: int | None
    average_csat: Decimal | None
    nps: int | None
    feedback: int
    top_pain_points: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class JourneyMap:
    stages: tuple[MapStageLine, ...]
