"""Replies about stalled partners: the list, the reasons, the alert."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
