"""Replies about the journey map."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from commands.replies.touchpoints import StageTouchpoints


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
    touchpoints: tuple[StageTouchpoints, ...] = ()
