"""The partner card's one-line KPI summary."""

from __future__ import annotations

from decimal import Decimal

from bot.views.kpis import kpi_line
from commands.replies import Figures


def test_a_month_with_only_a_bonus_still_says_what_happened() -> None:
    line = kpi_line(Figures("November 2026", {"bonus": Decimal(1200)}, {}))
    assert line == "*November 2026:* bonuses 1 200"


def test_hand_overs_follow_the_partner_figures() -> None:
    totals = {"leads": Decimal(10), "deals": Decimal(2), "handovers": Decimal(3)}
    line = kpi_line(Figures("November 2026", totals, {"lead_to_deal": Decimal("0.2")}))
    assert line.startswith("*November 2026:* Leads 10 · Deals 2 · clients passed 3 · lead → deal ")
