"""Replies about retention: the quarter-on-quarter rate and the partners who went quiet."""

from __future__ import annotations

from dataclasses import dataclass

from domain.retention import Retention


@dataclass(frozen=True)
class QuietPartner:
    name: str
    owner: str | None
    stage: str
    last_activity: str


@dataclass(frozen=True)
class RetentionReport:
    this_quarter: str
    last_quarter: str
    retention: Retention
    quiet_days: int
    quiet: tuple[QuietPartner, ...]
    quiet_total: int
