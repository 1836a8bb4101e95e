"""The outbox's retry rule and the daily stalled summary: pure data in, a verdict or Block Kit out."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.charts.samples import sample_funnel, sample_journey_map, sample_kpi_trend, sample_ranking
from bot.digest_charts import Chart, ChartPlan
from bot.outbox.charts import decode, encode
from bot.views.blocks import build_reply_blocks
from commands.replies import StallSummary, SummaryLine
from commands.stalls.parse import parse_stalled
from commands.stalls.summary import SHOWN_LINES, build_summary, summary_data, summary_from_data
from commands.tokens import ParseError, tokenize
from domain.outbox import LONGEST_BACKOFF, MAX_ATTEMPTS, Failure, after_failure

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
HOSTILE = "<!channel> & *Acme*"


def test_a_permanent_error_gives_up_at_once() -> None:
    for error in ("channel_not_found", "is_archived", "invalid_auth", "account_inactive", "not_in_channel"):
        assert after_failure(Failure(error), attempts=1, now=NOW).give_up


def test_a_rate_limit_waits_what_slack_asked_for() -> None:
    verdict = after_failure(Failure("ratelimited", retry_after_seconds=7, status=429), attempts=1, now=NOW)
    assert not verdict.give_up and verdict.next_attempt_at == NOW + timedelta(seconds=7)


def test_server_errors_back_off_exponentially_up_to_an_hour_and_give_up_after_max_attempts() -> None:
    waits = [after_failure(Failure("http_500"), attempts=n, now=NOW).next_attempt_at for n in (1, 2, 3)]
    assert [wait - NOW for wait in waits if wait] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2)]
    assert after_failure(Failure("http_503"), attempts=MAX_ATTEMPTS - 1, now=NOW).next_attempt_at == NOW + min(
        timedelta(seconds=30) * 2 ** (MAX_ATTEMPTS - 2), LONGEST_BACKOFF
    )
    assert after_failure(Failure("connection: URLError"), attempts=MAX_ATTEMPTS, now=NOW).give_up


def line(n: int, owner: str | None) -> SummaryLine:
    return SummaryLine(n, f"{HOSTILE} {n}", "Onboarding", "onboarding", owner, n, "no activity recorded")


def test_the_summary_groups_by_owner_most_overdue_first_and_shows_at_most_the_cap() -> None:
    lines = [line(n, f"U0OWNER{n % 25:02}" if n % 5 else None) for n in range(1, 151)]
    summary = build_summary(lines, stalled=160)
    assert (summary.new, summary.stalled, len(summary.lines), summary.more) == (150, 160, SHOWN_LINES, 130)
    owners = [entry.owner for entry in summary.lines]
    assert owners == sorted(owners, key=lambda owner: (owner is None, owner or ""))
    first_owner = [entry.days_over for entry in summary.lines if entry.owner == owners[0]]
    assert first_owner == sorted(first_owner, reverse=True)


def test_the_summary_stays_under_block_kits_50_blocks_and_escapes_partner_names() -> None:
    lines = [line(n, f"U0OWNER{n:02}") for n in range(1, 60)]
    blocks = [block.to_dict() for block in build_reply_blocks(build_summary(lines, stalled=59))]
    assert len(blocks) <= 50
    assert "<!channel>" not in json.dumps(blocks) and "&lt;!channel&gt; &amp; *Acme*" in json.dumps(blocks)
    menus = [block["accessory"] for block in blocks if "accessory" in block]
    assert len(menus) == SHOWN_LINES and menus[0]["options"][0]["value"].startswith("advance:")
    assert blocks[-1]["elements"][0]["action_id"] == "stall_summary_more"


def test_a_line_acted_on_says_what_was_done_and_loses_its_menu_and_survives_storage() -> None:
    summary = StallSummary(2, 2, (line(1, "U0ANNA"), line(2, "U0ANNA")))
    moved = replace(summary.lines[0], moved_to="Support", by="U0BOB")
    snoozed = replace(summary.lines[1], snoozed_until=date(2026, 12, 7), by="U0BOB")
    acted = summary_from_data(json.loads(json.dumps(summary_data(replace(summary, lines=(moved, snoozed))))))
    assert acted.lines == (moved, snoozed)
    blocks = [block.to_dict() for block in build_reply_blocks(acted)]
    text = json.dumps(blocks)
    assert "moved to Support by <@U0BOB>" in text and "snoozed until 7 Dec 2026 by <@U0BOB>" in text
    assert not any("accessory" in block for block in blocks)


@pytest.mark.parametrize("words", ["notify", "notify email", "notify dm both"])
def test_stalled_notify_names_the_three_choices_when_it_is_not_understood(words: str) -> None:
    with pytest.raises(ParseError) as refused:
        parse_stalled(tokenize(words))
    assert "`stalled notify channel`" in str(refused.value) and "`stalled notify both`" in str(refused.value)


def test_stalled_notify_reads_each_choice() -> None:
    chosen = [parse_stalled(tokenize(f"notify {word}")).notify for word in ("channel", "DM", "both")]
    assert chosen == ["channel", "dm", "both"]


@pytest.mark.parametrize("chart", [sample_ranking(), sample_funnel(), sample_kpi_trend(), sample_journey_map()])
def test_a_chart_plan_survives_the_outbox_as_json(chart: Chart) -> None:
    plan = ChartPlan("chart.png", "A chart", chart)
    assert decode(json.loads(json.dumps(encode(plan)))) == plan
