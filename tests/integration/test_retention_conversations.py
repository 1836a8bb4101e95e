"""Retention as a conversation: who stayed active from last quarter, and who went quiet, with owners."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from commands.context import Invocation
from tests.conftest import NOW
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def test_retention_counts_partners_active_in_both_quarters_and_lists_the_quiet_ones(
    invocation_for: MakeInvocation,
) -> None:
    # NOW is 23 November 2026 (Q4); 60 days earlier is 24 September (Q3)
    q3 = invocation_for(now=NOW - timedelta(days=60))
    converse(
        q3,
        """
        add Acme owner=<@U7|anna> → Added Acme
        add Globex owner=<@U8|piotr> → Added Globex
        add Initech → Added Initech
        """,
    )
    converse(
        invocation_for(now=NOW - timedelta(days=56)),
        "log Acme call → Logged",
    )
    converse(
        invocation_for(),
        """
        retention → Retained: 0 of 3 partners active in Q3 2026 are active in Q4 2026 — 0.0% … Active in Q4 2026: 0
        log Acme meeting on=2026-11-20 → Logged
        kpi Globex leads=1 on=2026-10-01 → Globex
        retention → Retained: 2 of 3 partners active in Q3 2026 are active in Q4 2026 — 66.7% … Active in Q4 2026: 2
        retention → Gone quiet — no activity in 45 days: 2 ⏎• Globex — U8 · Discovery … • Initech — — · Discovery
        retention days=60 → Gone quiet — no activity in 60 days: 1 ⏎• Initech
        retention days=0 → ⚠ days=0 is not a number of days from 1 to 365.
        retention soon → ⚠ 'soon' is not understood.
        """,
    )
