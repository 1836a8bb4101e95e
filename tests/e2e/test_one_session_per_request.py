"""One database session per request: the workspace's settings are read in the command's own transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from tests.e2e.conftest import Slack
from tests.e2e.messages import button_click, view_submission, visible_text
from tests.e2e.test_digest_alerts_and_home import ANNA, click, post_alert


@contextmanager
def transactions(engine: Engine) -> Iterator[list[list[str]]]:
    """The statements of every transaction begun on `engine` meanwhile that did the request's own work.

    The command inbox's bookkeeping (recording a command before its ack, storing its answer, marking it
    delivered: transactions that touch nothing else) is not counted; a command's own transaction, which also
    marks its inbox entry as run, is.
    """
    begun: list[list[str]] = []
    current: dict[int, list[str]] = {}

    def on_begin(connection: Any) -> None:
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


def test_the_stall_alerts_open_button_shows_the_card_in_one_transaction(slack: Slack) -> None:
    alert = post_alert(slack)
    payload = button_click(alert.body, "stall_open", user=ANNA, trigger_id="trigger-open")
    with transactions(slack.engine) as begun:
        assert slack.interaction(payload).status == 200
        card = slack.fake.wait_for("/api/chat.postMessage", 2)[1].body
        assert card["channel"] == ANNA and "Acme" in visible_text(card) and "Onboarding" in visible_text(card)
    assert len(begun) == 1


def test_snoozing_from_a_stall_alert_takes_one_transaction_per_request(slack: Slack) -> None:
    alert = post_alert(slack)
    with transactions(slack.engine) as opening:
        view = click(slack, alert, "stall_snooze")
    with transactions(slack.engine) as submitting:
        answer = slack.interaction(view_submission(view, {"reason": {"type": "plain_text_input", "value": "legal"}}))
        assert answer.status == 200
        slack.fake.wait_for("/api/chat.update")
    assert (len(opening), len(submitting)) == (1, 1)
