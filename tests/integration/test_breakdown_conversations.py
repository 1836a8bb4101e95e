"""KPI breakdowns as conversations: `kpis by GROUP` per group, `kpis field=value` for a filtered set."""

from __future__ import annotations

from collections.abc import Callable

from commands.context import Invocation
from commands.replies.breakdowns import KpiBreakdown
from commands.verbs import handle
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def portfolio(invocation: Invocation) -> None:
    converse(
        invocation,
        """
        add Acme type=reseller size=large source=events → Added Acme
        add Globex type=reseller size=small source=referral → Added Globex
        add Initech type=agency source=events → Added Initech
        add Hooli → Added Hooli
        kpi Acme leads=10 deals=2 revenue=10k cost=1k → Acme, 23 Nov
        kpi Globex leads=10 deals=3 revenue=5k → Globex
        kpi Initech leads=4 revenue=1k → Initech
        feedback Acme csat=5 nps=10 → Feedback from Acme
        feedback Globex csat=3 nps=5 → Feedback from Globex
        advance Initech onboarding → moved
        """,
    )


def test_kpis_by_type_has_a_row_per_type_with_totals_conversion_and_satisfaction(
    invocation_for: MakeInvocation,
) -> None:
    invocation = invocation_for()
    portfolio(invocation)
    converse(
        invocation,
        """
        kpis by type → reseller 2 2 20 0 0 5 15 000 25.0% 3 000 +1400% 4.0 +0 … agency 1 1 4 0 0 0 1 000 … (not set) 1 1
        kpis type=reseller → KPIs · type=reseller … Selected Partners … all selected 2 2 20 0 0 5 15 000
        kpis by size type=reseller → by size · type=reseller … large 1 1 10 0 0 2 10 000 20.0% 5 000 +900% 5.0 +100
        kpis by stage → Discovery 3 … Onboarding 1 1 4
        kpis by source → events 2 2 14 … referral 1
        kpis type=oem → No partners match type=oem.
        kpis by colour → ⚠ Unknown grouping 'colour'
        kpis reseller → ⚠ 'reseller' is not understood; group with `by GROUP`, filter with field=value.
        kpis type=resseler → ⚠ Unknown partner type 'resseler' — did you mean reseller?
        kpis → Partner program
        """,
    )


def test_a_breakdown_by_group_is_posted_in_the_channel_with_its_chart(invocation_for: MakeInvocation) -> None:
    invocation = invocation_for()
    portfolio(invocation)
    reply = handle("kpis by type", invocation)
    assert isinstance(reply.body, KpiBreakdown) and reply.public
    from bot.digest_charts import charts_for

    charts = charts_for(reply.body)
    assert [chart.filename for chart in charts] == ["kpis-by-type.png"]
    assert charts[0].png.startswith(b"\x89PNG") and "reseller: 15 000 from 2 partners" in charts[0].alt_text
