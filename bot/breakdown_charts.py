"""The KPI breakdown reply turned into what its chart shows (the outbox sender draws it)."""

from __future__ import annotations

from decimal import Decimal

from bot.charts.data import BreakdownBar, BreakdownChart
from bot.views.numbers import amount
from commands.replies.breakdowns import KpiBreakdown

BARS = 20


def _bar(label: str, partners: int, revenue: Decimal) -> BreakdownBar:
    return BreakdownBar(label, partners, revenue, amount(revenue))


def breakdown_chart(body: KpiBreakdown) -> BreakdownChart:
    bars = tuple(
        _bar(row.label, row.figures.partners, row.figures.totals.get("revenue", Decimal(0))) for row in body.rows[:BARS]
    )
    return BreakdownChart(body.grouping or "", bars)
