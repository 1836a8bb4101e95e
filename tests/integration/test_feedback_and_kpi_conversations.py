"""Feedback and KPIs as conversations: `/partner …` lines and what the bot answers, on both engines.

A script is one exchange per line, `command → what the answer says`; a KPI report is a table, checked
row by row as the console prints it (columns: this month, last month, all time).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, text

from commands.context import Invocation
from commands.verbs import handle
from tests.conftest import NOW
from tests.conversation import converse, exchanges, said, says

MakeInvocation = Callable[..., Invocation]
FIGURES = ("Leads", "MQL", "SQL", "Deals", "Revenue", "Cost", "Lead → deal", "MQL → SQL", "Average deal", "ROI")
NOTHING = (*(f"{figure} 0 = 0 0\n" for figure in FIGURES[:6]), *(f"{figure} — — —\n" for figure in FIGURES[6:]))
"""A KPI table with no figures at all: zeros, and a dash for every ratio."""


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
        assert answer.startswith("⚠ ") and says(answer, message), f"/partner {command} → {answer}"
        assert snapshot(engine) == before, command


# --- feedback ----------------------------------------------------------------------------------


def test_feedback_is_stored_with_the_stage_the_partner_was_in_and_who_recorded_it(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(invocation_for(), "add Acme → ✔ Added Acme … Stage: Discovery")
    converse(
        invocation_for(now=NOW + timedelta(hours=1)),
        "feedback acme csat=5 nps=10 → 💬 Feedback from Acme (in Discovery): CSAT 5/5 · NPS 10 (promoter) ⏎",
    )
    converse(
        invocation_for(now=NOW + timedelta(hours=2)),
        'feedback acme csat=3 nps=9 pain=tooling,Payouts "Docs were hard" → Feedback from Acme (in Discovery):'
        " CSAT 3/5 · NPS 9 (promoter) · pain points: tooling, payouts … > Docs were hard",
    )
    converse(
        invocation_for(now=NOW + timedelta(days=2), user_id="U2"),
        [
            ("advance Acme support", "▶ Acme moved Discovery → Support"),
            (
                "show Acme",
                (
                    "Latest feedback (23 Nov 2026, in Discovery, by U1): CSAT 3/5 · NPS 9 — “Docs were hard”\n",
                    "2 answers · average CSAT 4.0 · NPS: promoter",
                ),
            ),
            ('feedback Acme "Payouts are late again"', "from Acme (in Support): comment\n> Payouts are late again"),
            (
                "feedback Acme satisfaction=1 recommend=6 pains=payouts",
                "Feedback from Acme (in Support): CSAT 1/5 · NPS 6 (detractor) · pain points: payouts\n",
            ),
            (
                "show Acme",
                (
                    "Latest feedback (25 Nov 2026, in Support, by U2): CSAT 1/5 · NPS 6\n",
                    "4 answers · average CSAT 3.0 · NPS: detractor · top pain points: payouts (2), tooling (1)",
                ),
            ),
        ],
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
    converse(invocation, "add Acme → ✔ Added Acme\nfeedback Acme → [In Slack this opens the form “Feedback: Acme”.]")
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
    every_metric = "📊 Acme, 23 Nov 2026: Leads 10 · MQL 6 · SQL 4 · Deals 2 · Revenue 5 000 · Cost 800\n"
    converse(
        invocation_for(),
        [("add Acme", "✔ Added Acme"), ("kpi Acme leads=10 mql=6 sql=4 deals=2 revenue=5000 cost=800", every_metric)],
    )
    converse(
        invocation_for(),
        """
        kpi acme sales=12.5k won=3 spend=1,5k → 📊 Acme, 23 Nov 2026: Revenue 12 500 · Deals 3 · Cost 1 500 ⏎
        kpi Acme revenue=5 000 deals=1 → : Revenue 5 000 · Deals 1 ⏎
        kpi Acme revenue=5\u00a0000 → : Revenue 5 000 ⏎
        kpi Acme revenue=5k → : Revenue 5 000 ⏎
        kpi Acme revenue=1.2m → : Revenue 1 200 000 ⏎
        kpi Acme revenue=5000,50 → : Revenue 5 000.50 ⏎
        kpi Acme revenue=5 000,50 → : Revenue 5 000.50 ⏎
        kpi Acme leads=1 on=2026-11-02 → 📊 Acme, 2 Nov 2026: Leads 1 ⏎
        kpi Acme on=02.11.2026 leads=1 → 📊 Acme, 2 Nov 2026: Leads 1 ⏎
        kpi Acme leads=1 on=yesterday → 📊 Acme, 22 Nov 2026: Leads 1 ⏎
        """,
    )


def test_a_kpi_command_with_any_bad_part_is_refused_whole_and_stores_nothing(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    invocation = invocation_for()
    converse(invocation, "add Acme → ✔ Added Acme\nkpi Acme leads=1 → 📊 Acme, 23 Nov 2026: Leads 1")
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


def row(figure: str, this_month: str, last_month: str, all_time: str) -> str:
    """One row of a KPI table as the console prints it (change arrow after this month's figure)."""
    return f"{figure} {this_month} {last_month} {all_time}\n"


def test_kpi_report_sums_this_month_last_month_and_all_time_with_derived_figures_and_changes(
    invocation_for: MakeInvocation,
) -> None:
    converse(
        invocation_for(now=NOW - timedelta(days=90)),
        "add Acme → ✔ Added\nkpi Acme leads=4 revenue=100 → 📊 Acme, 25 Aug 2026: Leads 4 · Revenue 100",
    )
    converse(
        invocation_for(),
        """
        kpi Acme leads=20 mql=10 sql=5 deals=4 revenue=6000 cost=1000 on=2026-10-15 → 📊 Acme, 15 Oct 2026: Leads 20
        kpi Acme leads=10 mql=6 sql=4 deals=2 revenue=5000 cost=800 → 📊 Acme, 23 Nov 2026: Leads 10
        kpi Acme leads=5 sales=2.5k on=01.11.2026 → 📊 Acme, 1 Nov 2026: Leads 5 · Revenue 2 500
        """,
    )
    report = (
        "Acme: KPIs\n",
        " November 2026 October 2026 All time\n",
        row("Leads", "15 ▼", "20", "39"),
        row("MQL", "6 ▼", "10", "16"),
        row("SQL", "4 ▼", "5", "9"),
        row("Deals", "2 ▼", "4", "6"),
        row("Revenue", "7 500 ▲", "6 000", "13 600"),
        row("Cost", "800 ▼", "1 000", "1 800"),
        row("Lead → deal", "13.3% ▼", "20.0%", "15.4%"),
        row("MQL → SQL", "66.7% ▲", "50.0%", "56.2%"),
        row("Average deal", "3 750 ▲", "1 500", "2 267"),
        row("ROI", "+838% ▲", "+500%", "+656%"),
    )
    converse(invocation_for(), [("kpi acme", report)])


def test_derived_figures_are_a_dash_where_the_denominator_is_zero_and_roi_may_be_negative(
    invocation_for: MakeInvocation,
) -> None:
    negative_roi = (
        row("Leads", "0 =", "0", "0"),
        row("MQL", "0 =", "0", "0"),
        row("SQL", "3 ▲", "0", "3"),
        row("Deals", "0 =", "0", "0"),
        row("Revenue", "500 ▲", "0", "500"),
        row("Cost", "800 ▲", "0", "800"),
        row("Lead → deal", "—", "—", "—"),
        row("MQL → SQL", "—", "—", "—"),
        row("Average deal", "—", "—", "—"),
        row("ROI", "-38%", "—", "-38%"),
    )
    converse(
        invocation_for(),
        [
            ("add Acme", "✔ Added Acme"),
            ("kpi Acme", (" November 2026 October 2026 All time\n", *NOTHING)),
            ("kpi Acme revenue=500 cost=800 sql=3", "📊 Acme, 23 Nov 2026: Revenue 500 · Cost 800 · SQL 3\n"),
            ("kpi Acme", negative_roi),
        ],
    )


def test_undo_removes_only_your_own_last_entry_and_says_what_it_removed(invocation_for: MakeInvocation) -> None:
    theirs = invocation_for(user_id="U2", now=NOW + timedelta(minutes=5))
    converse(invocation_for(), "add Acme → ✔ Added Acme\nkpi Acme leads=10 revenue=5k → 📊 Acme")
    converse(invocation_for(now=NOW + timedelta(minutes=1)), "kpi Acme deals=2 on=2026-11-02 → 📊 Acme")
    converse(theirs, "kpi Acme leads=7 → 📊 Acme")
    converse(
        invocation_for(now=NOW + timedelta(minutes=10)),
        [
            ("kpi Acme undo", "↩ Removed your entry for Acme of 2 Nov 2026: Deals 2"),
            ("kpi acme UNDO", "↩ Removed your entry for Acme of 23 Nov 2026: Leads 10 · Revenue 5 000"),
            ("kpi Acme undo", "⚠ You have no KPI entries for Acme to undo."),
            ("kpi Acme", (row("Leads", "7 ▲", "0", "7"), *NOTHING[1:6])),
        ],
    )
    converse(
        theirs,
        [
            ("kpi Acme undo", "↩ Removed your entry for Acme of 23 Nov 2026: Leads 7"),
            ("kpi Acme", NOTHING),
        ],
    )


def test_an_entry_made_just_after_local_midnight_on_the_first_counts_in_the_new_month(
    invocation_for: MakeInvocation,
) -> None:
    converse(invocation_for(), "add Acme → ✔ Added Acme\nkpi Acme revenue=100 → 📊 Acme, 23 Nov 2026: Revenue 100")
    half_past_midnight = invocation_for(now=datetime(2026, 11, 30, 23, 30, tzinfo=UTC))  # 1 December in Warsaw
    converse(half_past_midnight, "kpi Acme revenue=700 → 📊 Acme, 1 Dec 2026: Revenue 700 ⏎")
    converse(
        invocation_for(now=datetime(2026, 12, 5, 9, tzinfo=UTC)),
        [
            (
                "kpi Acme",
                (" December 2026 November 2026 All time\n", *NOTHING[:4], row("Revenue", "700 ▲", "100", "800")),
            )
        ],
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
        converse(invocation_for(now=when), f"{command} → ✔ Added")
    converse(invocation_for(now=NOW - timedelta(days=40)), "kpi Old leads=3 → 📊 Old")
    converse(invocation_for(now=NOW - timedelta(days=10)), "advance Mover → ▶ Mover moved Discovery → Attraction")
    converse(
        invocation_for(),
        """
        kpi October leads=2 → 📊 October
        archive Gone → ✔ Archived Gone
        kpis → Partners acquired: 2 in November 2026 · 4 in Q4 2026 ⏎ … a stage move in the last 30 days): 4 of 6 ⏎
        """,
    )


def test_the_dashboard_totals_and_top_five_by_revenue_leave_archived_partners_out(
    invocation_for: MakeInvocation,
) -> None:
    invocation = invocation_for()
    for n in range(1, 7):
        converse(invocation, f"add P{n} → ✔ Added\nkpi P{n} revenue={n}00 deals=1 → 📊 P{n}")
    totals = (
        " November 2026 October 2026 All time\n",
        row("Leads", "0 ▼", "10", "10"),
        row("MQL", "0 =", "0", "0"),
        row("SQL", "0 =", "0", "0"),
        row("Deals", "6 ▲", "0", "6"),
        row("Revenue", "2 100 ▲", "0", "2 100"),
        row("Cost", "0 ▼", "100", "100"),
        row("Lead → deal", "—", "0.0%", "60.0%"),
        row("MQL → SQL", "—", "—", "—"),
        row("Average deal", "350", "—", "350"),
        row("ROI", "—", "-100%", "+2000%"),
        "Top partners by partner-sourced revenue (all time)\n1. P6 — 600\n2. P5 — 500\n3. P4 — 400\n4. P3 — 300\n"
        "5. P2 — 200",
    )
    converse(
        invocation,
        [
            ("add Gone", "✔ Added Gone"),
            ("kpi Gone revenue=10k leads=50", "📊 Gone"),
            ("kpi P1 leads=10 cost=100 on=2026-10-30", "📊 P1, 30 Oct 2026: Leads 10 · Cost 100"),
            ("archive Gone", "✔ Archived Gone"),
            ("kpis", totals),
            ("dashboard", "Partners acquired: 6 in November 2026"),
        ],
    )


def test_teams_never_see_each_others_feedback_or_figures(invocation_for: MakeInvocation) -> None:
    first, second = invocation_for(team_id="T1"), invocation_for(team_id="T2", user_id="U9")
    converse(first, "add Acme → ✔ Added\nkpi Acme revenue=5k → 📊 Acme\nfeedback Acme csat=2 → CSAT 2/5")
    empty_program = (
        "Partners acquired: 0 in November 2026 · 0 in Q4 2026\n",
        "in the last 30 days): 0 of 0\n",
        *NOTHING,
    )
    converse(
        second,
        [
            ("kpi Acme", "⚠ No partner named 'Acme'"),
            ("feedback Acme csat=5", "⚠ No partner named 'Acme'"),
            ("kpis", empty_program),
            ("add ACME", "✔ Added ACME"),
            ("show ACME", "ACME\n====\nStage: Discovery"),
            ("kpi ACME revenue=1k", "📊 ACME"),
            ("kpi ACME undo", "↩ Removed your entry for ACME"),
            ("kpis", NOTHING),
        ],
    )
    converse(
        first,
        "kpi Acme undo → ↩ Removed your entry for Acme of 23 Nov 2026: Revenue 5 000\n"
        "show Acme → 1 answer · average CSAT 2.0",
    )
