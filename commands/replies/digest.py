"""Replies about the weekly digest: its settings and its content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from commands.replies.scoring import RankRow
    from domain.targets import TargetProgress


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
    alliance_changes: tuple[str, ...] = ()
    """One line per alliance whose recommendations changed since the last digest."""
    targets: tuple[TargetProgress, ...] = ()
    """The program's targets: actual this period against target, on track or behind."""
    reached_goal_total: int = 0
    """How many reached the end goal (`reached_goal` names the first REACHED_SHOWN of them)."""
