"""One database session per request: the workspace's settings are read in the command's own transaction."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from bot.reinstall import REINSTALL_WATCH_THREAD
from tests.e2e.conftest import Slack
from tests.e2e.messages import overflow_choice, view_submission, visible_text
from tests.e2e.test_digest_alerts_and_home import ANNA, choose, post_summary, summary_alert_id

SENDER_TRANSACTIONS = 3
"""The outbox sender after a request that enqueued one post: claim it, mark it sent, find nothing more due."""


@contextmanager
def transactions(engine: Engine) -> Iterator[list[list[str]]]:
    """The statements of every transaction begun on `engine` meanwhile that did the request's own work.

    The command inbox's bookkeeping (recording a command before its ack, storing its answer, marking it
    delivered: transactions that touch nothing else) is not counted; a command's own transaction, which also
    marks its inbox entry as run, is. Nor is the reinstall watch's own check (once a minute per workspace, on
    a thread of its own, off the request path).
    """
    begun: list[list[str]] = []
    current: dict[int, list[str]] = {}

    def on_begin(connection: Any) -> None:
        if threading.current_thread().name != REINSTALL_WATCH_THREAD:
            current[id(connection)] = []
            begun.append(current[id(connection)])

    def on_statement(connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if id(connection) in current and not statement.startswith("BEGIN"):
            current[id(connection)].append(statement)

    event.listen(engine, "begin", on_begin)
    event.listen(engine, "before_cursor_execute", on_statement)
    try:
        yield begun
    finally:
        event.remove(engine, "begin", on_begin)
        event.remove(engine, "before_cursor_execute", on_statement)
        begun[:] = [statements for statements in begun if not all("command_inbox" in s for s in statements)]


def test_a_command_that_moves_a_partner_runs_in_one_transaction(slack: Slack) -> None:
    slack.command("add Acme", response="add")
    slack.reply("add")
    slack.command("stalled set attraction 20", response="set")
    slack.reply("set")
    with transactions(slack.engine) as begun:
        slack.command("advance Acme attraction", response="move")
        assert "Acme* moved Discovery → Attraction" in visible_text(slack.reply("move"))
    assert len(begun) == 1
    [statements] = begun
    assert any(s.startswith("UPDATE command_inbox") for s in statements), "the move and 'ran' commit together"


def test_a_command_that_reads_the_workspaces_thresholds_runs_in_one_transaction(slack: Slack) -> None:
    slack.command("stalled set onboarding 45", response="set")
    slack.reply("set")
    with transactions(slack.engine) as begun:
        slack.command("stalled", response="list")
        assert "Onboarding 45 d" in visible_text(slack.reply("list"))
    assert len(begun) == 1


def test_the_stall_summarys_open_choice_shows_the_card_in_one_transaction(slack: Slack) -> None:
    summary = post_summary(slack)
    payload = overflow_choice(summary.body, f"open:{summary_alert_id(slack)}", user=ANNA, trigger_id="trigger-open")
    with transactions(slack.engine) as begun:
        assert slack.interaction(payload).status == 200
        card = slack.fake.wait_for("/api/chat.postMessage", 2)[1].body
        assert card["channel"] == ANNA and "Acme" in visible_text(card) and "Onboarding" in visible_text(card)
    assert len(begun) == 1


def test_snoozing_from_the_stall_summary_takes_one_transaction_per_request_and_the_senders_own(slack: Slack) -> None:
    summary = post_summary(slack)
    alert_id = summary_alert_id(slack)
    with transactions(slack.engine) as opening:
        view = choose(slack, summary, f"snooze:{alert_id}")
    with transactions(slack.engine) as submitting:
        answer = slack.interaction(view_submission(view, {"reason": {"type": "plain_text_input", "value": "legal"}}))
        assert answer.status == 200
        slack.fake.wait_for("/api/chat.update")
        settled(submitting, 1 + SENDER_TRANSACTIONS)
    assert (len(opening), len(submitting)) == (1, 1 + SENDER_TRANSACTIONS)


def test_advancing_from_the_stall_summary_moves_and_updates_the_line_in_one_transaction(slack: Slack) -> None:
    """The move, its history and the summary's update (an outbox step) commit together, or none does."""
    summary = post_summary(slack)
    view = choose(slack, summary, f"advance:{summary_alert_id(slack)}")
    state = {
        "stage": {"type": "static_select", "selected_option": {"value": "support"}},
        "note": {"type": "plain_text_input", "value": "training done"},
    }
    with transactions(slack.engine) as submitting:
        assert slack.interaction(view_submission(view, state)).status == 200
        [update] = slack.fake.wait_for("/api/chat.update")
        assert "moved to Support" in visible_text(update.body)
        settled(submitting, 1 + SENDER_TRANSACTIONS)
    assert len(submitting) == 1 + SENDER_TRANSACTIONS
    [statements] = [work for work in submitting if any(s.startswith("INSERT INTO stage_move") for s in work)]
    assert any(s.startswith("UPDATE partner") for s in statements)
    assert any(s.startswith("INSERT INTO outbox_step") for s in statements), "the move and the summary's update"


def settled(begun: list[list[str]], expected: int) -> None:
    """Waits (a little) for the sender to finish after Slack answered it, and a little more for anything extra."""
    deadline = time.monotonic() + 5
    while len(begun) < expected and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)
