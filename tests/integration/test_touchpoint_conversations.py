"""Touchpoints as conversations: `log`, the card, activity for `stalled` and `kpis`, and the journey map."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine, text

from commands.context import Invocation
from tests.conftest import NOW
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def test_log_records_a_touchpoint_in_the_partner_s_stage_and_the_card_shows_it(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(
        invocation_for(now=NOW - timedelta(days=10)),
        "add Acme → Added Acme",
    )
    converse(invocation_for(now=NOW - timedelta(days=5)), 'advance Acme attraction "intro" → Acme moved')
    converse(
        invocation_for(),
        """
        log Acme meeting "QBR with their CTO" → 📝 Logged a meeting with Acme on 23 Nov 2026 … in Attraction · by U1
        log Acme Webinar on=2026-11-14 → Logged a webinar with Acme on 14 Nov 2026 … in Discovery
        log Acme event on=2026-11-01 → Logged an event with Acme on 1 Nov 2026 … in Discovery
        log Acme звонок on=yesterday → Logged a call with Acme on 22 Nov 2026
        show Acme → Touchpoints ⏎23 Nov 2026 · meeting · “QBR with their CTO” · by U1 ⏎22 Nov 2026 · call
        """,
    )
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT kind, stage, on_date, note FROM touchpoint ORDER BY id")).all()
    assert [(kind, stage, str(on)[:10], note) for kind, stage, on, note in rows] == [
        ("meeting", "attraction", "2026-11-23", "QBR with their CTO"),
        ("webinar", "discovery", "2026-11-14", None),
        ("event", "discovery", "2026-11-01", None),
        ("call", "attraction", "2026-11-22", None),
    ]


def test_bad_touchpoints_are_refused_with_a_hint_and_change_nothing(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(
        invocation_for(),
        """
        add Acme → Added Acme
        log Acme → ⚠ Which partner, and what kind of touchpoint (call, meeting, webinar, training, event, email
        log Acme meting → ⚠ Unknown touchpoint kind 'meting' — did you mean meeting
        log Acme meeting QBR done → ⚠ 'QBR done' is not understood … `/partner log Acme meeting "QBR done"`.
        log Acme call on=2027-01-01 → ⚠ on 2027-01-01 is in the future
        log Acme call at=home → ⚠ 'at=' is not understood here; only on=DATE is.
        log Acmee call → ⚠ No partner named 'Acmee' — did you mean Acme?
        """,
    )
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM touchpoint")).scalar_one() == 0


def test_a_touchpoint_is_activity_for_stalled_and_for_active_partners(invocation_for: MakeInvocation) -> None:
    converse(invocation_for(now=NOW - timedelta(days=40)), "add Acme → Added Acme\nadd Globex → Added Globex")
    converse(
        invocation_for(),
        """
        kpis → (a KPI entry, a touchpoint or a stage move in the last 30 days): 0 of 2
        stalled → Acme … last stage move 40 days ago
        log Acme call on=2026-11-20 → Logged a call
        kpis → (a KPI entry, a touchpoint or a stage move in the last 30 days): 1 of 2
        stalled → Acme … last touchpoint 0 days ago
        """,
    )


def test_the_journey_map_shows_touchpoints_per_stage_and_the_kinds_before_moves(invocation_for: MakeInvocation) -> None:
    converse(invocation_for(now=NOW - timedelta(days=5)), "add Acme → Added Acme\nadd Globex → Added Globex")
    converse(
        invocation_for(now=NOW - timedelta(days=3)),
        'log Acme webinar → Logged\nlog Acme call → Logged\nlog Globex call → Logged\nlog Globex email → Logged',
    )
    converse(invocation_for(now=NOW - timedelta(days=2)), "advance Acme → moved\nadvance Globex → moved")
    converse(invocation_for(), "log Acme meeting → Logged")
    converse(
        invocation_for(),
        "map → Touchpoints by stage … Discovery: call 2, email 1, webinar 1 — before moves: call 2, email 1, webinar 1"
        " ⏎Attraction: meeting 1",
    )
