"""Replies about KPIs: an entry, a partner's report, the program dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


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
