"""Targets: a figure to reach per month, quarter or year, and whether the period so far is on track.

On track means the actual has kept pace with the target over the days of the period gone by: 40% of a
quarter gone, 40% of the target reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.errors import InvalidField, UnknownChoice
from domain.language import N_, tr
from domain.periods import Period, month_start, month_title, next_month, quarter_start, quarter_title
from domain.words import closest, fold

PERIODS: tuple[str, ...] = ("month", "quarter", "year")
PERIOD_ALIASES = {"monthly": "month", "m": "month", "quarterly": "quarter", "q": "quarter", "yearly": "year",
                  "annual": "year", "y": "year", "miesiąc": "month", "месяц": "month", "kwartał": "quarter",
                  "квартал": "quarter", "rok": "year", "год": "year"}


def target_period(word: str) -> str:
    folded = fold(word)
    if folded in PERIODS:
        return folded
    for alias, period in PERIOD_ALIASES.items():
        if fold(alias) == folded:
            return period
    raise UnknownChoice(N_("period"), word, closest(word, PERIODS), PERIODS)


def current_period(per: str, today: date) -> Period:
    if per == "month":
        first = month_start(today)
        return Period(month_title(first), first, next_month(first))
    if per == "quarter":
        first = quarter_start(today)
        return Period(quarter_title(first), first, next_month(next_month(next_month(first))))
    if per == "year":
        return Period(str(today.year), date(today.year, 1, 1), date(today.year + 1, 1, 1))
    raise InvalidField(tr("Unknown period '{per}'.", per=per))


@dataclass(frozen=True)
class TargetProgress:
    metric: str
    per: str
    period: str
    target: Decimal
    actual: Decimal
    expected_so_far: Decimal

    @property
    def share(self) -> Decimal:
        return Decimal(0) if self.target == 0 else self.actual / self.target

    @property
    def on_track(self) -> bool:
        return self.actual >= self.expected_so_far


def progress(metric: str, per: str, target: Decimal, actual: Decimal, today: date) -> TargetProgress:
    """How far `actual` (this period so far) is toward `target`, counting today as a day gone by."""
    period = current_period(per, today)
    assert period.start is not None and period.end is not None
    elapsed = (today - period.start).days + 1
    length = (period.end - period.start).days
    expected = (target * elapsed / length).quantize(Decimal("0.01"))
    return TargetProgress(metric, per, period.title, target, actual, expected)


def partner_share(partner_revenue: Decimal, company_sales: Decimal) -> Decimal | None:
    """Partner-sourced revenue as a share of the company's sales; None when no sales were recorded."""
    return None if company_sales <= 0 else partner_revenue / company_sales
