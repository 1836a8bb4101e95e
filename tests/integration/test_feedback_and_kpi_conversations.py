"""Feedback and KPIs as conversations: `/partner …` lines and what the bot answers, on both engines.

A script is one exchange per line, `command → what the answer says`; `kpi Acme` may be asked several times to
check a long report piece by piece.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, text

from commands import replies
from commands.context import Invocation
from commands.replies import Figures, Reply
from commands.verbs import handle
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]


def number(value: Decimal | None, kind: str = "") -> str:
    if value is None:
        return "—"
    if kind == "percent":
        return f"{value * 100:.1f}%"
    return f"{value:.2f}" if kind == "ratio" else f"{value.normalize():f}"


def figures(period: Figures) -> str:
    totals = " ".join(f"{key}={number(value)}" for key, value in sorted(period.totals.items())) or "nothing"
    derived = period.derived
    return (
        f"{period.title}: {totals} | lead→deal {number(derived['lead_to_deal'], 'percent')}, MQL→SQL"
        f" {number(derived['mql_to_sql'], 'percent')}, average deal {number(derived['average_deal'])},"
        f" ROI {number(derived['roi'], 'ratio')}"
    )


def said(reply: Reply) -> str:
    """A reply as one line of plain text, so a conversation can be checked with `in`."""
    body = reply.body
    if isinstance(reply.modal, replies.FeedbackForm):
        return f"[feedback form for {reply.modal.partner}]"
    if isinstance(body, replies.Notice):
        return f"{body.tone}: {body.text}"
    if isinstance(body, replies.FeedbackRecorded):
        return f"{body.partner} in {body.stage}: csat={body.csat} nps={body.nps} pains={','.join(body.pain_points)}"
    if isinstance(body, replies.KpiRecorded):
        values = " ".join(f"{key}={number(value)}" for key, value in body.values)
        return f"{'removed' if body.undone else 'recorded'} {body.partner} {body.on_date}: {values}"
    if isinstance(body, replies.KpiReport):
        changes = ", ".join(f"{key} {way}" for key, way in body.changes.items() if way)
        return f"{body.partner} || " + " || ".join(figures(p) for p in body.periods) + f" || changes: {changes}"
    if isinstance(body, replies.ProgramDashboard):
        acquired = ", ".join(f"{title} {count}" for title, count in body.acquired)
        top = ", ".join(f"{name} {number(value)}" for name, value in body.top_by_revenue)
        periods = " || ".join(figures(p) for p in body.periods)
        return (
            f"acquired: {acquired} | active {body.active_partners} of {body.total_partners} || {periods} || top: {top}"
        )
    if isinstance(body, replies.PartnerCard):
        card = f"{body.headline or 'card'}: {body.name} in {body.stage}"
        if summary := body.feedback:
            pains = ", ".join(f"{name}×{count}" for name, count in summary.top_pain_points)
            card += (
                f" | {summary.responses} responses, latest '{summary.latest_text}' in {summary.latest_stage} by"
                f" {summary.latest_by}, average CSAT {summary.average_csat}, {summary.nps_class}, pains {pains}"
            )
        return card
    return f"{body.partner} moved to {body.to_stage}" if isinstance(body, replies.StageMoved) else repr(reply)


def exchanges(script: str) -> list[tuple[str, str]]:
    lines = (line.strip() for line in script.strip().splitlines())
    return [(command, answer) for command, answer in (line.split(" → ", 1) for line in lines if line)]


def converse(invocation: Invocation, script: str) -> None:
    for command, expected in exchanges(script):
        answer = said(handle(command, invocation))
        assert expected in answer, f"/partner {command} → {answer}"


def snapshot(engine: Engine) -> list[list[tuple[object, ...]]]:
    with engine.connect() as connection:
        return [
            [tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in ("partner", "stage_move", "feedback", "kpi_value")
        ]


def refused_storing_nothing(engine: Engine, invocation: Invocation, script: str) -> None:
    for command, message in exchanges(script):
        before = snapshot(engine)
        answer = said(handle(command, invocation))
        assert answer.startswith("error: ") and message in answer, f"/partner {command} → {answer}"
        assert snapshot(engine) == before, command


# --- feedback ----------------------------------------------------------------------------------


def test_feedback_is_stored_with_the_stage_the_partner_was_in_and_who_recorded_it(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(invocation_for(), "add Acme → Added Acme: Acme in Discovery")
    converse(invocation_for(now=NOW + timedelta(hours=1)), "feedback acme csat=5 nps=10 → Acme in Discovery")
    converse(
        invocation_for(now=NOW + timedelta(hours=2)),
        'feedback acme csat=3 nps=9 pain=tooling,Payouts "Docs were hard" → Acme in Discovery: csat=3 nps=9',
    )
    converse(
        invocation_for(now=NOW + timedelta(days=2), user_id="U2"),
        """
        advance Acme support → Acme moved to Support
        show Acme → 2 responses, latest 'Docs were hard' in Discovery by U1, average CSAT 4.0, promoter
        feedback Acme "Payouts are late again" → Acme in Support: csat=None nps=None pains=
        feedback Acme satisfaction=1 recommend=6 pains=payouts → Acme in Support: csat=1 nps=6 pains=payouts
        show Acme → 4 responses, latest 'None' in Support by U2, average CSAT 3.0, detractor, pains payouts×2, tooling×1
        """,
    )
    with engine.connect() as connection:
        query = "SELECT stage, csat, nps, text, pain_points, recorded_by FROM feedback ORDER BY id"
        rows = [tuple(row) for row in connection.execute(text(query))]
    assert rows == [
        ("discovery", 5, 10, None, "", "U1"),
        ("discovery", 3, 9, "Docs were hard", "tooling,payouts", "U1"),
        ("support", None, None, "Payouts are late again", "", "U2"),
        ("support", 1, 6, None, "payouts", "U2"),
    ]


def test_feedback_with_only_a_name_opens_the_form_and_bad_answers_are_refused_storing_nothing(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    invocation = invocation_for()
    converse(invocation, "add Acme → Added Acme\nfeedback Acme → [feedback form for Acme]")
    refused_storing_nothing(
        engine,
        invocation,
        """
        feedback Acme csat=0 → csat=0 is out of range; csat is 1–5.
        feedback Acme csat=6 nps=9 → csat=6 is out of range; csat is 1–5.
        feedback Acme nps=11 → nps=11 is out of range; nps is 0–10.
        feedback Acme nps=x → nps=x is not a whole number; nps is 0–10.
        feedback Acme csat=² → csat=² is not a whole number; csat is 1–5.
        feedback Acme colour=red "nice" → 'colour=' is not a feedback field.
        feedback Acme csat=4 pain=tools → Unknown pain point 'tools' — did you mean tooling? Choose one of: onboarding
        feedback Acme pain=, → Give a score, a pain point or a comment
        feedback Acmee csat=4 → No partner named 'Acmee' — did you mean Acme?
        feedback Acmee → No partner named 'Acmee' — did you mean Acme?
        """,
    )


# --- recording KPIs ----------------------------------------------------------------------------


def test_kpi_records_every_metric_by_key_or_alias_and_reads_every_revenue_form(invocation_for: MakeInvocation) -> None:
    converse(
        invocation_for(),
        """
        add Acme → Added Acme
        kpi Acme leads=10 mql=6 sql=4 deals=2 revenue=5000 cost=800 → leads=10 mql=6 sql=4 deals=2 revenue=5000 cost=800
        kpi acme sales=12.5k won=3 spend=1,5k → recorded Acme 2026-11-23: revenue=12500 deals=3 cost=1500
        kpi Acme revenue=5 000 deals=1 → revenue=5000 deals=1
        kpi Acme revenue=5\u00a0000 → revenue=5000
        kpi Acme revenue=5k → revenue=5000
        kpi Acme revenue=1.2m → revenue=1200000
        kpi Acme revenue=5000,50 → revenue=5000.5
        kpi Acme revenue=5 000,50 → revenue=5000.5
        kpi Acme leads=1 on=2026-11-02 → recorded Acme 2026-11-02: leads=1
        kpi Acme on=02.11.2026 leads=1 → recorded Acme 2026-11-02: leads=1
        kpi Acme leads=1 on=yesterday → recorded Acme 2026-11-22: leads=1
        """,
    )


def test_a_kpi_command_with_any_bad_part_is_refused_whole_and_stores_nothing(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    invocation = invocation_for()
    converse(invocation, "add Acme → Added Acme\nkpi Acme leads=1 → recorded")
    refused_storing_nothing(
        engine,
        invocation,
        f"""
        kpi Acme revenue=5,000 → revenue '5,000' is ambiguous: a thousands separator or a decimal point?
        kpi Acme leads=10 revenue=1.500 → revenue '1.500' is ambiguous
        kpi Acme leads=10 deals=2.5 → deals counts whole deals: '2.5' is not a whole number.
        kpi Acme revenue=5k cost=-800 → cost '-800' is not a number
        kpi Acme leads=5 revnue=10 → Unknown metric 'revnue' — did you mean revenue?
        kpi Acme leads=5 on=2026-11-24 → on 2026-11-24 is in the future (today is 2026-11-23).
        kpi Acme leads=5 on=31.02.2026 → on '31.02.2026' is not a date
        kpi Acme sales=5k revenue=6k → revenue is given twice
        kpi Acme leads=1000001 → over the limit of 1,000,000
        kpi Acme revenue=1e3 → revenue '1e3' is not a number
        kpi Acme revenue={"9" * 30} → is too large
        kpi Acme on=2026-11-01 → Which figures?
        kpi Acme undo leads=1 → `undo` removes your last entry; give it no figures
        kpi Acmee leads=1 → No partner named 'Acmee' — did you mean Acme?
        """,
    )


# --- reports -----------------------------------------------------------------------------------


def test_kpi_report_sums_this_month_last_month_and_all_time_with_derived_figures_and_changes(
    invocation_for: MakeInvocation,
) -> None:
    converse(
        invocation_for(now=NOW - timedelta(days=90)), "add Acme → Added\nkpi Acme leads=4 revenue=100 → 2026-08-25"
    )
    converse(
        invocation_for(),
        """
        kpi Acme leads=20 mql=10 sql=5 deals=4 revenue=6000 cost=1000 on=2026-10-15 → recorded
        kpi Acme leads=10 mql=6 sql=4 deals=2 revenue=5000 cost=800 → recorded
        kpi Acme leads=5 sales=2.5k on=01.11.2026 → recorded
        kpi acme → Acme || November 2026: cost=800 deals=2 leads=15 mql=6 revenue=7500 sql=4 |
        kpi Acme → | lead→deal 13.3%, MQL→SQL 66.7%, average deal 3750, ROI 8.38 || October 2026:
        kpi Acme → October 2026: cost=1000 deals=4 leads=20 mql=10 revenue=6000 sql=5 | lead→deal 20.0%, MQL→SQL 50.0%
        kpi Acme → MQL→SQL 50.0%, average deal 1500, ROI 5.00 || All time:
        kpi Acme → All time: cost=1800 deals=6 leads=39 mql=16 revenue=13600 sql=9 | lead→deal 15.4%, MQL→SQL 56.2%
        kpi Acme → changes: leads down, mql down, sql down, deals down, revenue up, cost down, lead_to_deal down,
        kpi Acme → lead_to_deal down, mql_to_sql up, average_deal up, roi up
        """,
    )


def test_derived_figures_are_a_dash_where_the_denominator_is_zero_and_roi_may_be_negative(
    invocation_for: MakeInvocation,
) -> None:
    converse(
        invocation_for(),
        """
        add Acme → Added Acme
        kpi Acme → November 2026: nothing | lead→deal —, MQL→SQL —, average deal —, ROI — || October 2026: nothing
        kpi Acme revenue=500 cost=800 sql=3 → recorded
        kpi Acme → November 2026: cost=800 revenue=500 sql=3 | lead→deal —, MQL→SQL —, average deal —, ROI -0.38
        """,
    )


def test_undo_removes_only_your_own_last_entry_and_says_what_it_removed(invocation_for: MakeInvocation) -> None:
    theirs = invocation_for(user_id="U2", now=NOW + timedelta(minutes=5))
    converse(invocation_for(), "add Acme → Added Acme\nkpi Acme leads=10 revenue=5k → recorded")
    converse(invocation_for(now=NOW + timedelta(minutes=1)), "kpi Acme deals=2 on=2026-11-02 → recorded")
    converse(theirs, "kpi Acme leads=7 → recorded")
    converse(
        invocation_for(now=NOW + timedelta(minutes=10)),
        """
        kpi Acme undo → removed Acme 2026-11-02: deals=2
        kpi acme UNDO → removed Acme 2026-11-23: leads=10 revenue=5000
        kpi Acme undo → error: You have no KPI entries for Acme to undo.
        kpi Acme → November 2026: leads=7 |
        """,
    )
    converse(theirs, "kpi Acme undo → removed Acme 2026-11-23: leads=7\nkpi Acme → November 2026: nothing")


def test_an_entry_made_just_after_local_midnight_on_the_first_counts_in_the_new_month(
    invocation_for: MakeInvocation,
) -> None:
    converse(invocation_for(), "add Acme → Added Acme\nkpi Acme revenue=100 → recorded Acme 2026-11-23")
    half_past_midnight = invocation_for(now=datetime(2026, 11, 30, 23, 30, tzinfo=UTC))  # 1 December in Warsaw
    converse(half_past_midnight, "kpi Acme revenue=700 → recorded Acme 2026-12-01: revenue=700")
    converse(
        invocation_for(now=datetime(2026, 12, 5, 9, tzinfo=UTC)),
        """
        kpi Acme → Acme || December 2026: revenue=700 | lead→deal —, MQL→SQL —, average deal —, ROI — || November
        kpi Acme → || November 2026: revenue=100 |
        """,
    )


def test_the_dashboard_counts_partners_acquired_this_month_and_quarter_and_those_active_in_30_days(
    invocation_for: MakeInvocation,
) -> None:
    for when, command in [
        (datetime(2026, 5, 1, tzinfo=UTC), "add Old"),  # registered long ago: acquired in neither period
        (datetime(2026, 5, 1, tzinfo=UTC), "add Mover"),
        (NOW - timedelta(days=40), "add Quiet"),  # this quarter, but nothing in the last 30 days
        (datetime(2026, 10, 5, tzinfo=UTC), "add October"),
        (datetime(2026, 10, 31, 23, 30, tzinfo=UTC), "add Midnight"),  # 1 November, 00:30 in Warsaw
        (NOW, "add New"),
        (NOW, "add Gone"),
    ]:
        converse(invocation_for(now=when), f"{command} → Added")
    converse(invocation_for(now=NOW - timedelta(days=40)), "kpi Old leads=3 → recorded")
    converse(invocation_for(now=NOW - timedelta(days=10)), "advance Mover → Mover moved to Attraction")
    converse(
        invocation_for(),
        """
        kpi October leads=2 → recorded
        archive Gone → success: Archived Gone
        kpis → acquired: November 2026 2, Q4 2026 4 | active 4 of 6
        """,
    )


def test_the_dashboard_totals_and_top_five_by_revenue_leave_archived_partners_out(
    invocation_for: MakeInvocation,
) -> None:
    invocation = invocation_for()
    for n in range(1, 7):
        converse(invocation, f"add P{n} → Added\nkpi P{n} revenue={n}00 deals=1 → recorded")
    converse(
        invocation,
        """
        add Gone → Added Gone
        kpi Gone revenue=10k leads=50 → recorded
        kpi P1 leads=10 cost=100 on=2026-10-30 → recorded
        archive Gone → success: Archived Gone
        kpis → November 2026: deals=6 revenue=2100 | lead→deal —, MQL→SQL —, average deal 350, ROI —
        kpis → All time: cost=100 deals=6 leads=10 revenue=2100 | lead→deal 60.0%, MQL→SQL —, average deal 350, ROI 20
        kpis → top: P6 600, P5 500, P4 400, P3 300, P2 200
        dashboard → acquired: November 2026 6
        """,
    )


def test_teams_never_see_each_others_feedback_or_figures(invocation_for: MakeInvocation) -> None:
    first, second = invocation_for(team_id="T1"), invocation_for(team_id="T2", user_id="U9")
    converse(first, "add Acme → Added\nkpi Acme revenue=5k → recorded\nfeedback Acme csat=2 → csat=2")
    converse(
        second,
        """
        kpi Acme → error: No partner named 'Acme'
        feedback Acme csat=5 → error: No partner named 'Acme'
        kpis → acquired: November 2026 0, Q4 2026 0 | active 0 of 0 || November 2026: nothing
        add ACME → Added ACME
        show ACME → card: ACME in Discovery
        kpi ACME revenue=1k → recorded
        kpi ACME undo → removed ACME
        kpis → All time: nothing
        """,
    )
    converse(first, "kpi Acme undo → removed Acme 2026-11-23: revenue=5000\nshow Acme → average CSAT 2.0")
