"""Retention (002): of the partners active last quarter, how many are active this quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

QUIET_AFTER_DAYS = 45
"""No KPI entry, touchpoint, feedback or stage move for this long: the partner has gone quiet."""


@dataclass(frozen=True)
class Retention:
    active_last_quarter: int
    active_this_quarter: int
    retained: int

    @property
    def rate(self) -> Decimal | None:
        return None if self.active_last_quarter == 0 else Decimal(self.retained) / self.active_last_quarter


def quarter_number(day: date) -> int:
    """Quarters counted from year 0: consecutive quarters have consecutive numbers (2026 Q4 follows 2026 Q3)."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_first_day(number: int) -> date:
    return date(number // 4, number % 4 * 3 + 1, 1)
