"""Replies about feedback and KPIs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from commands.replies.registry import Choice


@dataclass(frozen=True)
class FeedbackSummary:
    responses: int
    latest_when: datetime
    latest_stage: str
    latest_by: str
    latest_text: str | None
    latest_csat: int | None
    latest_nps: int | None
    average_csat: Decimal | None
    nps_class: str | None
    top_pain_points: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class FeedbackRecorded:
    partner: str
    stage: str
    csat: int | None
    nps: int | None
    text: str | None
    pain_points: tuple[str, ...]
    summary: FeedbackSummary


@dataclass(frozen=True)
class FeedbackForm:
    """The feedback modal for one partner."""

    partner: str
    pain_points: tuple[Choice, ...]


@dataclass(frozen=True)
class Figures:
    """Summed and derived KPIs over one period; derived values are None where a denominator is zero."""

    title: str
    totals: dict[str, Decimal]
    derived: dict[str, Decimal | None]


@dataclass(frozen=True)
class KpiReport:
    partner: str
    periods: tuple[Figures, ...]
    changes: dict[str, str | None]


@dataclass(frozen=True)
class KpiRecorded:
    partner: str
    on_date: date
    values: tuple[tuple[str, Decimal], ...]
    undone: bool = False


@dataclass(frozen=True)
class ProgramDashboard:
    acquired: tuple[tuple[str, int], ...]
    active_partners: int
    total_partners: int
    periods: tuple[Figures, ...]
    changes: dict[str, str | None]
    top_by_revenue: tuple[tuple[str, Decimal], ...]
