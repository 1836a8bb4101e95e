"""The weekly digest and stalled partners on both engines: what the digest says about a known portfolio,
which run is due and claimed exactly once, and when a partner is stalled, alerted, snoozed and alerted again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text

from commands.context import Invocation
from commands.digest import due_digest
from commands.replies import Notice, Reply, StalledList, StallReasons, WeeklyDigest
from commands.stalls.alerts import snooze
from commands.stalls.summary import claim_due
from commands.verbs import handle
from domain.digest import GRACE
from domain.scorecard import DEFAULT_SCORECARD
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
WARSAW = ZoneInfo("Europe/Warsaw")
DUE = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Warsaw, an hour before NOW
CONFIGURE = "digest <#C0DIGEST|partners> mon 09:00"


def run(invocation: Invocation, line: str) -> Reply:
    """One `/partner` line that must succeed."""
    reply = handle(line, invocation)
    assert not (isinstance(reply.body, Notice) and reply.body.tone == "error"), f"/partner {line} → {reply.body}"
    return reply


def every_criterion(answer: int) -> str:
    return " ".join(f"{key}={answer}" for key in DEFAULT_SCORECARD.keys)


def local(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=WARSAW)


def stalled_now(invocation: Invocation) -> list[tuple[str, int]]:
    listing = handle("stalled", invocation).body
    assert isinstance(listing, StalledList)
    return [(partner.partner, partner.days) for partner in listing.partners]


def rows(engine: Engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


def build_portfolio(invocation_for: MakeInvocation) -> None:
    """Six active partners (one archived) whose last week, counted back from NOW, is known."""
    history = [
        (100, "add Hooli"),  # Discovery for 100 days: stalled
        (60, "add Acme owner=<@U7|ann>"),
        (40, "advance Acme onboarding"),  # Onboarding for 40 days: stalled
        (30, "add Initech"),
        (20, "advance Initech support"),
        (12, "add Globex"),  # Discovery for 12 days: not stalled
        (10, f"score Globex {every_criterion(5)}"),  # first a week ago
        (9, f"score Acme {every_criterion(4)}"),
        (9, "kpi Acme leads=4 on=2026-11-12"),  # the week before
        (5, "add Umbrella"),
        (2, "add Wayne"),
        (2, "add Gone"),
        (2, "advance Initech goal"),
        (1.5, "archive Gone"),
        (1, "advance Umbrella attraction"),
        (1, f"score Globex {every_criterion(2)}"),
        (1, f"score Umbrella {every_criterion(3)}"),
        (1, 'feedback Acme csat=4 nps=9 "Docs were hard to find"'),
        (1, "kpi Acme leads=10 deals=2 revenue=5k on=2026-11-20"),
    ]
    for days_ago, line in history:
        run(invocation_for(now=NOW - timedelta(days=days_ago)), line)


def digest_at(invocation: Invocation) -> WeeklyDigest:
    digest = run(invocation, "digest now").body
    assert isinstance(digest, WeeklyDigest)
    return digest


# --- the digest's content ------------------------------------------------------------------------


def test_digest_counts_the_week_ranks_partners_and_shows_the_funnel_stalls_and_goals(
    invocation_for: MakeInvocation,
) -> None:
    build_portfolio(invocation_for)
    digest = digest_at(invocation_for())
    assert digest.title == "17 Nov – 23 Nov 2026"
    assert not digest.quiet
    assert (digest.new_partners, digest.stage_moves, digest.feedback) == (2, 2, 1)  # the archived one not counted
    assert digest.kpis_this_week == {"leads": 10, "deals": 2, "revenue": Decimal(5000)}
    assert digest.kpis_week_before == {"leads": 4}
    assert [(r.place, r.partner, round(r.score, 1), r.movement) for r in digest.ranking] == [
        (1, "Acme", 75.0, 1),
        (2, "Umbrella", 50.0, None),
        (3, "Globex", 25.0, -2),
    ]
    assert [(f.stage_key, f.partners, f.median_days, f.max_days) for f in digest.funnel] == [
        ("discovery", 3, 12, 100),
        ("attraction", 1, 1, 1),
        ("onboarding", 1, 40, 40),
        ("support", 0, None, None),
        ("goal", 1, 2, 2),
    ]
    assert digest.stalled == 2
    assert digest.reached_goal == ("Initech",)
    assert len(digest.trend) == 12 and digest.trend[-1].week_start == date(2026, 11, 23)
    assert [(w.week_start, w.leads, w.deals, w.revenue) for w in digest.trend[-3:-1]] == [
        (date(2026, 11, 9), 4, 0, 0),
        (date(2026, 11, 16), 10, 2, 5000),
    ]


def test_a_week_without_news_is_quiet_but_still_ranks_and_counts_the_funnel(invocation_for: MakeInvocation) -> None:
    build_portfolio(invocation_for)
    digest = digest_at(invocation_for(now=NOW + timedelta(days=14)))
    assert digest.quiet
    assert (digest.new_partners, digest.stage_moves, digest.feedback, digest.reached_goal) == (0, 0, 0, ())
    assert [r.partner for r in digest.ranking] == ["Acme", "Umbrella", "Globex"]
    assert sum(f.partners for f in digest.funnel) == 6
    assert digest.stalled == 4  # Globex and Wayne have now been in Discovery for more than 14 days


# --- which run is due, claimed once ----------------------------------------------------------------


def tick(invocation: Invocation) -> tuple[WeeklyDigest, str, str] | str:
    """One scheduler tick for the workspace: the claimed digest as handed over to be posted, or why there is none."""
    posted: list[tuple[WeeklyDigest, str, str]] = []
    said = due_digest(invocation, lambda _session, digest, channel, key: posted.append((digest, channel, key)))
    return posted[0] if posted else said


def test_no_digest_is_due_without_a_channel_or_while_paused(invocation_for: MakeInvocation, engine: Engine) -> None:
    assert tick(invocation_for(now=DUE)) == "no digest channel, or paused"
    run(invocation_for(), CONFIGURE)
    run(invocation_for(), "digest off")
    assert tick(invocation_for(now=DUE)) == "no digest channel, or paused"
    assert rows(engine, "SELECT * FROM job_run") == []


def test_a_due_digest_is_claimed_once_and_the_next_call_is_already_handled(
    invocation_for: MakeInvocation, engine: Engine
) -> None:
    run(invocation_for(now=NOW - timedelta(days=3)), "add Acme")
    run(invocation_for(now=NOW - timedelta(days=3)), CONFIGURE)
    first = invocation_for(now=DUE + timedelta(minutes=5), user_id="scheduler")
    outcome = tick(first)
    assert not isinstance(outcome, str)
    digest, channel, key = outcome
    assert (channel, key, digest.new_partners) == ("C0DIGEST", "2026-W48", 1)
    assert tick(first) == "2026-W48 already handled"
    assert tick(invocation_for(now=DUE + timedelta(days=2))) == "2026-W48 already handled"
    assert rows(engine, "SELECT period_key, status, detail FROM job_run") == [("2026-W48", "queued", "C0DIGEST")]
    assert tick(invocation_for(now=DUE + timedelta(weeks=1)))[2] == "2026-W49"


def test_the_claim_commits_with_the_digests_posts_so_posts_that_cannot_be_queued_leave_no_claim(
    invocation_for: MakeInvocation, engine: Engine
) -> None:
    run(invocation_for(), CONFIGURE)

    def broken(*_: object) -> None:
        raise RuntimeError("the charts could not be rendered")

    with pytest.raises(RuntimeError):
        due_digest(invocation_for(now=DUE + timedelta(minutes=5)), broken)
    assert rows(engine, "SELECT * FROM job_run") == []
    assert not isinstance(tick(invocation_for(now=DUE + timedelta(minutes=10))), str)


@pytest.mark.parametrize("late", [timedelta(0), timedelta(hours=6), GRACE])
def test_a_run_missed_by_at_most_12_hours_is_caught_up(invocation_for: MakeInvocation, late: timedelta) -> None:
    run(invocation_for(), CONFIGURE)
    outcome = tick(invocation_for(now=DUE + late))
    assert not isinstance(outcome, str) and outcome[2] == "2026-W48"


@pytest.mark.parametrize("late", [GRACE + timedelta(minutes=1), timedelta(days=6, hours=23)])
def test_a_run_missed_by_more_than_12_hours_is_skipped_and_recorded(
    invocation_for: MakeInvocation, engine: Engine, late: timedelta
) -> None:
    run(invocation_for(), CONFIGURE)
    outcome = tick(invocation_for(now=DUE + late))
    assert isinstance(outcome, str) and outcome.startswith("2026-W48 missed") and outcome.endswith("skipped")
    [(status, detail)] = rows(engine, "SELECT status, detail FROM job_run WHERE period_key = '2026-W48'")
    assert status == "skipped" and "missed: due 2026-11-23T09:00:00+01:00" in str(detail)
    assert tick(invocation_for(now=DUE + late)) == "2026-W48 already handled"


def at_once(action: Callable[[], object], replicas: int = 2) -> list[object]:
    """`action` run by `replicas` threads released together by a barrier, like replicas ticking at one instant."""
    barrier = threading.Barrier(replicas, timeout=10)

    def replica(_: int) -> object:
        barrier.wait()
        return action()

    with ThreadPoolExecutor(max_workers=replicas) as pool:
        return list(pool.map(replica, range(replicas)))


def test_two_concurrent_runs_post_each_week_exactly_once(invocation_for: MakeInvocation, engine: Engine) -> None:
    """The unique (team, job, week) key lets exactly one of two simultaneous runs have the digest."""
    run(invocation_for(), CONFIGURE)
    run(invocation_for(), "add Acme")
    for week in range(4):
        now = DUE + timedelta(weeks=week, minutes=1)
        outcomes = at_once(lambda now=now: tick(invocation_for(now=now, user_id="scheduler")))
        assert len([outcome for outcome in outcomes if not isinstance(outcome, str)]) == 1, outcomes
        assert [o for o in outcomes if isinstance(o, str)] == [f"2026-W{48 + week} already handled"]
    assert len(rows(engine, "SELECT * FROM job_run")) == 4


# --- stalled partners --------------------------------------------------------------------------


def enter_onboarding(invocation_for: MakeInvocation, name: str, at: datetime) -> None:
    run(invocation_for(now=at - timedelta(days=5)), f"add {name} owner=<@U7|ann>")
    run(invocation_for(now=at), f"advance {name} onboarding")


def test_a_partner_is_stalled_one_day_after_the_threshold_not_on_it(invocation_for: MakeInvocation) -> None:
    enter_onboarding(invocation_for, "Acme", NOW - timedelta(days=31))
    assert stalled_now(invocation_for(now=NOW - timedelta(days=1))) == []  # 30 days: the threshold itself
    assert stalled_now(invocation_for()) == [("Acme", 31)]


@pytest.mark.parametrize(
    ("entered", "asked", "expected"),
    [
        # 1 Mar 00:30 is still 28 Feb in UTC; clocks go forward on 29 Mar
        ("2026-03-01 00:30", "2026-03-31 23:50", []),  # UTC dates would count 31
        ("2026-03-01 00:30", "2026-04-01 00:10", [("Acme", 31)]),  # 24-hour periods would count 30
        # clocks go back on 25 Oct, a 25-hour day
        ("2026-09-25 00:30", "2026-10-25 23:50", []),  # UTC dates and 24-hour periods would both count 31
        ("2026-09-25 00:30", "2026-10-26 00:10", [("Acme", 31)]),
        ("2026-10-25 00:30", "2026-11-24 23:50", []),
        ("2026-10-25 00:30", "2026-11-25 00:10", [("Acme", 31)]),
    ],
)
def test_days_in_stage_are_calendar_days_in_warsaw_across_dst_changes(
    invocation_for: MakeInvocation, entered: str, asked: str, expected: list[tuple[str, int]]
) -> None:
    enter_onboarding(invocation_for, "Acme", local(entered))
    assert stalled_now(invocation_for(now=local(asked).astimezone(UTC))) == expected


def test_stalled_set_changes_a_stages_threshold_for_later_checks(invocation_for: MakeInvocation) -> None:
    enter_onboarding(invocation_for, "Acme", NOW - timedelta(days=40))
    assert stalled_now(invocation_for()) == [("Acme", 40)]
    said = run(invocation_for(), "stalled set onboarding 45").body
    assert isinstance(said, Notice) and said.text == "Onboarding now stalls after 45 days (was 30 days)."
    assert stalled_now(invocation_for()) == []
    assert stalled_now(invocation_for(now=NOW + timedelta(days=6))) == [("Acme", 46)]
    run(invocation_for(), "stalled set activation none")
    assert stalled_now(invocation_for(now=NOW + timedelta(days=400))) == []
    refused = handle("stalled set onboarding 0", invocation_for()).body
    assert isinstance(refused, Notice) and refused.tone == "error" and "'0' is not a number of days" in refused.text


def due(invocation: Invocation) -> list[tuple[str, str, int | None]]:
    """The episodes one run of the daily summary claims (what it would announce)."""
    with invocation.unit_of_work() as uow:
        claimed = claim_due(uow.session, invocation)
        uow.commit()
    return [(line.partner, line.stage_key, line.alert_id) for _, line in claimed.alerts]


def test_one_alert_per_stall_episode_and_a_new_one_when_the_partner_stalls_again(
    invocation_for: MakeInvocation, engine: Engine
) -> None:
    enter_onboarding(invocation_for, "Acme", NOW - timedelta(days=31))
    [(name, stage, first_alert)] = due(invocation_for())
    assert (name, stage) == ("Acme", "onboarding") and first_alert is not None
    assert due(invocation_for()) == []
    assert due(invocation_for(now=NOW + timedelta(days=1))) == []
    run(invocation_for(now=NOW + timedelta(days=1)), "advance Acme support")
    assert due(invocation_for(now=NOW + timedelta(days=61))) == []  # 60 days in Support: not yet
    [(_, stage, second_alert)] = due(invocation_for(now=NOW + timedelta(days=62)))
    assert stage == "support" and second_alert not in (None, first_alert)
    assert due(invocation_for(now=NOW + timedelta(days=63))) == []
    assert rows(engine, "SELECT stage FROM stall_alert ORDER BY id") == [("onboarding",), ("support",)]


def test_a_snooze_suppresses_alerts_until_it_ends_then_the_partner_is_alerted_again(
    invocation_for: MakeInvocation,
) -> None:
    enter_onboarding(invocation_for, "Acme", NOW - timedelta(days=31))
    [(_, _, alert_id)] = due(invocation_for())
    assert alert_id is not None
    alert, entry, in_summary = snooze(invocation_for(user_id="U2"), alert_id, "  waiting   for legal ")
    assert not in_summary
    assert alert.snoozed_until == NOW + timedelta(days=7)
    assert (entry.snoozed_by, entry.snooze_reason) == ("U2", "waiting for legal")
    assert entry.snoozed_until == date(2026, 11, 30)
    listing = handle("stalled", invocation_for(now=NOW + timedelta(days=1))).body
    assert isinstance(listing, StalledList) and listing.partners[0].snoozed_by == "U2"
    assert due(invocation_for(now=NOW + timedelta(days=1))) == []
    assert due(invocation_for(now=NOW + timedelta(days=7) - timedelta(minutes=1))) == []
    assert due(invocation_for(now=NOW + timedelta(days=7))) == [("Acme", "onboarding", alert_id)]
    assert due(invocation_for(now=NOW + timedelta(days=8))) == []
    reasons = handle("stalled reasons", invocation_for()).body
    assert isinstance(reasons, StallReasons)
    assert (reasons.reasons, reasons.by_stage) == ((("waiting for legal", 1),), (("Onboarding", 1),))


def test_two_concurrent_alert_runs_alert_a_stall_episode_once(invocation_for: MakeInvocation, engine: Engine) -> None:
    enter_onboarding(invocation_for, "Acme", NOW - timedelta(days=31))
    outcomes = at_once(lambda: due(invocation_for()))
    assert sorted(len(outcome) for outcome in outcomes) == [0, 1]
    assert len(rows(engine, "SELECT * FROM stall_alert")) == 1
