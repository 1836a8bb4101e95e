"""Targets and partners' share of company sales as conversations."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, text

from commands.context import Invocation
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def test_targets_show_actual_against_target_and_whether_the_period_is_on_track(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    # NOW is 23 November 2026: 23 of November's 30 days, 54 of Q4's 92 days have gone by
    converse(
        invocation_for(),
        """
        add Acme → Added Acme
        add Globex → Added Globex
        kpi Acme leads=20 revenue=300k → Acme
        kpi Globex revenue=20k → Globex
        target revenue=500k per=quarter → program set (revenue), per quarter. … revenue 320 000 of 500 000 this quarter
        target → (Q4 2026, 64.0%) · ✔ on track, pace 293 478.26 by today
        target Acme leads=20 per=month deals=5 → leads 20 of 20 this month (November 2026, 100.0%) · ✔ on track
        target Acme → deals 0 of 5 this month (November 2026, 0.0%) · ⚠ behind
        show Acme → Targets ⏎leads 20 of 20 this month
        target Acme deals=none → ✔ Targets for Acme set (deals), per month.
        target → Targets for the program ⏎revenue 320 000 of 500 000
        digest now → Program targets ⏎revenue 320 000 of 500 000 this quarter
        target Globex → No targets for Globex yet
        kpis → Partner program … Program targets ⏎revenue 320 000 of 500 000 … `/partner company-sales
        company-sales 2026-11 3.2m → ✔ Company sales for November 2026: 3 200 000 ⏎November 2026: … = 10.0%
        company-sales 11.2026 1.6m → Company sales for November 2026: 1 600 000 (was 3 200 000) … = 20.0%
        kpis → Share of company sales ⏎November 2026: partner-sourced revenue 320 000 of … 1 600 000 = 20.0%
        target revenue=lots → ⚠ revenue 'lots' is not a number
        target reveneu=5k → ⚠ Unknown metric 'reveneu' — did you mean revenue?
        target revenue=5k per=fortnight → ⚠ Unknown period 'fortnight'
        target per=month → ⚠ Give the figures to aim for along with per=.
        company-sales 2026-13 1m → ⚠ '2026-13' is not a month
        company-sales 2027-01 1m → ⚠ January 2027 has not begun yet
        company-sales 2026-11 → ⚠ Give the month and the company's total sales.
        """,
    )
    with engine.connect() as connection:
        targets = connection.execute(text("SELECT metric, amount, per, partner_id IS NULL FROM kpi_target ORDER BY id"))
        assert [(m, int(a), p, bool(program)) for m, a, p, program in targets] == [
            ("revenue", 500000, "quarter", True), ("leads", 20, "month", False)
        ]
        assert connection.execute(text("SELECT count(*) FROM company_sales")).scalar_one() == 1
