"""Retention (002): of the partners active last quarter, how many are active this quarter."""

from __future__ import annotations

from dataclasses import dataclass
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
