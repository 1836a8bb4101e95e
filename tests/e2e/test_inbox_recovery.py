"""A command acknowledged is a command answered: `kill -9` in the middle of a burst of `/partner advance`,
then a restart. Every command that got its HTTP 200 is answered (through its response URL, on the fake
Slack, which outlives the process), no command runs twice, and history agrees with the stages.

Exactly once, with one exception no sender can close: an answer Slack had taken when the process died,
before the process heard back. Its stored answer is sent again after the restart (the same message, not a
second run); the test allows that only for answers that were posted before the kill, at most one per
listener thread that could have been sending.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text
from sqlmodel import Session

from bot.database_trouble import DATABASE_UNAVAILABLE
from bot.inbox_recording import THIS_PROCESS
from bot.inbox_recovery import recover_commands
from bot.services import Services
from bot.slack_client import build_workspace_clients
from bot.workspace_clients import WorkspaceClients
from commands.context import Invocation
from commands.verbs import handle
from storage.database import create_database_engine
from storage.delivery_tables import CommandInbox
from storage.unit_of_work import UnitOfWork
from tests.e2e.conftest import app_settings, serving
from tests.e2e.fake_slack import Call, FakeSlack
from tests.e2e.messages import visible_text
from tests.e2e.test_serve_process import Served, start_serve

PARTNERS = 15
MOVES_EACH = 4  # discovery → attraction → onboarding → support → goal
KILL_AFTER_ACKS = 22
SENDERS = 6
IN_FLIGHT_AT_MOST = 8  # lazy listener threads of `serve`: answers that can be on their way when it dies


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
    """Answers received per response URL. A request the kill cut off before its body arrived is no answer:
    Slack would show nothing for it."""
    return Counter(call.path.removeprefix("/response/") for call in delivered_answers(fake))


def delivered_answers(fake: FakeSlack) -> list[Call]:
    return [call for call in fake.calls if call.path.startswith("/response/") and call.body]


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


def test_kill_9_in_a_burst_of_advances_then_restart_answers_every_acknowledged_command_and_runs_none_twice(
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
    replies = [(call.path.removeprefix("/response/"), call.body) for call in delivered_answers(fake_slack)]
    resent = {response for response, count in answers.items() if count > 1}
    assert not {response for response, count in answers.items() if count > 2}, answers
    for response in resent:  # the same stored answer again, never a second run
        first, again = [body for name, body in replies if name == response]
        assert first == again and response in answered_before_restart
    assert len(resent) <= IN_FLIGHT_AT_MOST, f"more answers re-sent than could be in flight: {sorted(resent)}"
    assert acknowledged - answered_before_restart, "the kill came too late to leave anything unanswered"

    distinct = {name: body for name, body in replies}
    moved = sum(" moved " in visible_text(body) for body in distinct.values())
    assert assert_history_agrees_with_stages(engine) == moved == len(distinct), "a command ran twice or silently"
    assert "finishing unanswered commands failed" not in restarted.log_text()


def leftover(engine: Engine, *, state: str, owner: str, received: datetime, response: str, line: str) -> None:
    """An entry as a process that died left it."""
    with Session(engine) as session:
        session.add(
            CommandInbox(
                team_id="T1", user_id="U01ANNA", channel_id="C1", text=line, response_url=response,
                received_at=received, state=state, claimed_by=owner, lease_until=received + timedelta(minutes=5),
            )
        )  # fmt: skip
        session.commit()


def recovery(fake: FakeSlack, engine: Engine, now: datetime) -> tuple[Services, WorkspaceClients]:
    settings = app_settings(fake, str(engine.url))
    return Services(settings=settings, engine=engine, clock=lambda: now), build_workspace_clients(settings, engine)


def test_recovery_runs_a_dead_process_s_command_tells_about_an_old_one_and_leaves_a_live_host_s_alone(
    engine: Engine, fake_slack: FakeSlack
) -> None:
    add_partners(engine)
    now = datetime.now(UTC)
    dead = f"{THIS_PROCESS.host}:{THIS_PROCESS.pid}:an-earlier-run"
    leftover(engine, state="pending", owner=dead, received=now - timedelta(minutes=2),
             response=fake_slack.response_url("recent"), line='advance "Partner 00"')  # fmt: skip
    leftover(engine, state="pending", owner=dead, received=now - timedelta(minutes=31),
             response=fake_slack.response_url("old"), line='advance "Partner 01"')  # fmt: skip
    leftover(engine, state="pending", owner="another-host:1:abc", received=now - timedelta(minutes=1),
             response=fake_slack.response_url("elsewhere"), line='advance "Partner 02"')  # fmt: skip

    report = recover_commands(*recovery(fake_slack, engine, now))
    assert report == "inbox: 1 expired, 1 run"
    assert " moved Discovery → Attraction" in visible_text(fake_slack.wait_for("/response/recent")[0].body)
    assert "was not run" in fake_slack.wait_for("/response/old")[0].body["text"]
    assert "/response/elsewhere" not in fake_slack.paths()
    with engine.connect() as connection:
        stages = dict(connection.execute(text("SELECT name, stage FROM partner")).all())
    assert [stages[f"Partner 0{n}"] for n in range(3)] == ["attraction", "discovery", "discovery"]

    later = now + timedelta(minutes=6)  # the other host's lease has ended: it is taken over
    assert recover_commands(*recovery(fake_slack, engine, later)) == "inbox: 1 run"
    assert recover_commands(*recovery(fake_slack, engine, later)) == "inbox: nothing unfinished"
    assert answers_by_response(fake_slack) == Counter({"recent": 1, "old": 1, "elsewhere": 1})


def test_a_form_command_found_unanswered_after_a_restart_asks_to_be_run_again(
    engine: Engine, fake_slack: FakeSlack
) -> None:
    now = datetime.now(UTC)
    leftover(engine, state="pending", owner=f"{THIS_PROCESS.host}:{THIS_PROCESS.pid}:gone", received=now,
             response=fake_slack.response_url("form"), line="add")  # fmt: skip
    assert recover_commands(*recovery(fake_slack, engine, now)) == "inbox: 1 run"
    reply = fake_slack.wait_for("/response/form")[0].body["text"]
    assert "opens a form" in reply and "Run `/partner add` again" in reply


def test_with_the_database_refusing_connections_the_ack_itself_says_nothing_was_changed(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    settings = app_settings(fake_slack, "postgresql+psycopg://postgres@127.0.0.1:9/none")
    engine = create_database_engine(settings.database_url, timeouts=settings.database_timeouts)
    with serving(fake_slack, engine, settings) as slack:
        started = time.monotonic()
        answer = slack.command("advance Acme", response="down")
        assert time.monotonic() - started < 3
        assert answer.status == 200 and DATABASE_UNAVAILABLE in answer.json()["text"]
        time.sleep(0.5)
        assert "/response/down" not in fake_slack.paths()  # one answer, not two
    engine.dispose()
