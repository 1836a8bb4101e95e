"""A command acknowledged is a command answered: `kill -9` in the middle of a burst of `/partner advance`,
then a restart. Every command that got its HTTP 200 is answered exactly once (through its response URL, on
the fake Slack, which outlives the process), no command runs twice, and history agrees with the stages."""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text

from commands.context import Invocation
from commands.verbs import handle
from storage.unit_of_work import UnitOfWork
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.messages import visible_text
from tests.e2e.test_serve_process import Served, start_serve

PARTNERS = 15
MOVES_EACH = 4  # discovery → attraction → onboarding → support → goal
KILL_AFTER_ACKS = 22
SENDERS = 6


def add_partners(engine: Engine) -> list[str]:
    names = [f"Partner {number:02}" for number in range(PARTNERS)]
    invocation = Invocation("T1", "U01ANNA", datetime.now(UTC), ZoneInfo("Europe/Warsaw"), lambda: UnitOfWork(engine))
    for name in names:
        handle(f'add "{name}"', invocation)
    return names


def burst_until_killed(served: Served, names: list[str]) -> set[str]:
    """Sends the 60 advances from a few threads; kills the process with SIGKILL once enough are acknowledged.
    Returns the response names of the acknowledged commands."""
    commands = [
        (f"c{move}-{index}", f'advance "{name}"') for move in range(MOVES_EACH) for index, name in enumerate(names)
    ]
    acknowledged: set[str] = set()
    guard = threading.Lock()
    queue = list(reversed(commands))

    def sender() -> None:
        while True:
            with guard:
                if not queue:
                    return
                response, line = queue.pop()
            try:
                answer = served.slack.command(line, response=response)
            except OSError:
                continue  # the process is gone: not acknowledged
            if answer.status == 200:
                with guard:
                    acknowledged.add(response)
                    if len(acknowledged) == KILL_AFTER_ACKS:
                        served.process.send_signal(signal.SIGKILL)

    threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    served.process.wait(10)
    return acknowledged


def answers_by_response(fake: FakeSlack) -> Counter[str]:
    return Counter(path.removeprefix("/response/") for path in fake.paths() if path.startswith("/response/"))


def wait_until_answered(fake: FakeSlack, expected: set[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if expected <= set(answers_by_response(fake)):
            return
        time.sleep(0.2)
    missing = expected - set(answers_by_response(fake))
    raise AssertionError(f"{len(missing)} acknowledged commands were never answered: {sorted(missing)}")


def assert_history_agrees_with_stages(engine: Engine) -> int:
    """Each partner's newest move (as the card orders them) lands on its current stage; returns the moves made."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT p.name, p.stage, m.to_stage, m.from_stage FROM partner p JOIN stage_move m"
                " ON m.partner_id = p.id ORDER BY p.name, m.moved_at, m.id"
            )
        ).all()
    newest = {row.name: row for row in rows}
    for name, row in newest.items():
        assert row.to_stage == row.stage, f"{name}: newest move to {row.to_stage}, but in {row.stage}"
    return sum(1 for row in rows if row.from_stage is not None)


def test_kill_9_in_a_burst_of_advances_then_restart_answers_every_acknowledged_command_once(
    engine: Engine, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    names = add_partners(engine)
    served = start_serve(tmp_path, fake_slack, engine, PARTNERBOT_DB_STATEMENT_TIMEOUT="30")
    acknowledged = burst_until_killed(served, names)
    assert served.process.returncode == -signal.SIGKILL
    answered_before_restart = set(answers_by_response(fake_slack))
    assert len(acknowledged) >= KILL_AFTER_ACKS

    restarted = start_serve(tmp_path, fake_slack, engine, PARTNERBOT_DB_STATEMENT_TIMEOUT="30")
    try:
        wait_until_answered(fake_slack, acknowledged)
        time.sleep(2)  # time for any duplicate to arrive
        restarted.process.send_signal(signal.SIGTERM)
        assert restarted.process.wait(30) == 0, restarted.log_text()
    finally:
        if restarted.process.poll() is None:
            restarted.process.kill()
    answers = answers_by_response(fake_slack)
    doubled = {response: count for response, count in answers.items() if count > 1}
    assert not doubled, f"answered more than once: {doubled}"
    assert acknowledged - answered_before_restart, "the kill came too late to leave anything unanswered"

    replies = [call.body for call in fake_slack.calls if call.path.startswith("/response/")]
    moved = sum(" moved " in visible_text(reply) for reply in replies)
    assert assert_history_agrees_with_stages(engine) == moved == len(replies), "a command ran twice or silently"
    assert "finishing unanswered commands failed" not in restarted.log_text()
