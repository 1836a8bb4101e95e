"""Managers advancing the same partner at the same moment: every move is kept, and the history stays a chain.

`advance` locks the partner row (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers with
BEGIN IMMEDIATE), so a second manager reads the stage the first one wrote. Without the lock both read
the same stage and both append a move "from" it, which breaks the chain these tests check. Threads
released by a barrier hit that window on PostgreSQL within the first rounds, so no artificial delay is needed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from itertools import pairwise

from sqlalchemy import Engine, text

from commands.context import Invocation
from commands.replies import Notice, Reply, StageMoved
from commands.verbs import handle
from tests.conftest import NOW

ROUNDS = 20

MakeInvocation = Callable[..., Invocation]


def at_once(invocation_for: MakeInvocation, lines: list[str], *, clocks: list[timedelta] | None = None) -> list[Reply]:
    """Runs each line in its own thread, all released together by a barrier, as managers U0, U1, …

    `clocks` gives each manager's request its own time (NOW plus that much), read before the row lock.
    """
    barrier = threading.Barrier(len(lines))
    outcomes: list[Reply | BaseException | None] = [None] * len(lines)

    def manager(index: int, line: str) -> None:
        now = NOW + (clocks[index] if clocks else timedelta())
        invocation = invocation_for(user_id=f"U{index}", now=now)
        barrier.wait(timeout=30)
        try:
            outcomes[index] = handle(line, invocation)
        except BaseException as error:  # surfaced below, in the test's own thread
            outcomes[index] = error

    threads = [threading.Thread(target=manager, args=pair) for pair in enumerate(lines)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    replies = [outcome for outcome in outcomes if isinstance(outcome, Reply)]
    assert len(replies) == len(lines), f"a manager got no reply: {outcomes}"
    return replies


def moved(replies: list[Reply]) -> int:
    """How many replies report a move; every other reply must be a refusal, not a crash."""
    for reply in replies:
        assert isinstance(reply.body, StageMoved) or (isinstance(reply.body, Notice) and reply.body.tone == "error")
    return sum(isinstance(reply.body, StageMoved) for reply in replies)


def assert_history_is_a_chain(engine: Engine, name: str, successful_moves: int) -> None:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT m.from_stage, m.to_stage FROM stage_move m JOIN partner p ON p.id = m.partner_id"
                " WHERE p.name = :name ORDER BY m.id"
            ),
            {"name": name},
        ).all()
        stage = connection.execute(text("SELECT stage FROM partner WHERE name = :name"), {"name": name}).scalar_one()
    assert len(rows) == 1 + successful_moves, "a move was lost or written twice"
    assert rows[0].from_stage is None
    for previous, row in pairwise(rows):
        assert row.from_stage == previous.to_stage, f"broken chain: {previous} then {row}"
    assert stage == rows[-1].to_stage
    assert_newest_move_is_the_current_stage(engine, name)


def test_two_managers_moving_a_partner_to_the_same_stage_make_one_move(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    handle("add Acme", invocation_for())
    for round_number in range(ROUNDS):
        target = "support" if round_number % 2 == 0 else "onboarding"
        replies = at_once(invocation_for, [f"advance Acme {target}"] * 2)
        assert moved(replies) == 1, [reply.body for reply in replies]
        assert any("already in" in getattr(reply.body, "text", "") for reply in replies)
    assert_history_is_a_chain(engine, "Acme", ROUNDS)


def test_eight_managers_pulling_a_partner_both_ways_keep_every_move_in_one_chain(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    handle("add Acme", invocation_for())
    total = 0
    for _ in range(ROUNDS):
        lines = [f"advance Acme {'onboarding' if index % 2 else 'support'}" for index in range(8)]
        total += moved(at_once(invocation_for, lines))
    assert total >= ROUNDS
    assert_history_is_a_chain(engine, "Acme", total)


def test_eight_managers_advancing_a_new_partner_to_the_next_stage_walk_the_journey_once(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    for round_number in range(ROUNDS):
        name = f"Acme-{round_number}"
        handle(f"add {name}", invocation_for())
        replies = at_once(invocation_for, [f"advance {name}"] * 8)
        assert moved(replies) == 4  # discovery → attraction → onboarding → support → goal
        assert sum("already at the last stage" in getattr(reply.body, "text", "") for reply in replies) == 4
        assert_history_is_a_chain(engine, name, 4)


def assert_newest_move_is_the_current_stage(engine: Engine, name: str) -> None:
    """Read as the card reads it (newest `moved_at` first): the newest move lands on the stage the partner is in,
    and along the order of commits no move is stamped earlier than the one before it."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT m.to_stage, m.moved_at, p.stage, p.stage_entered_at FROM stage_move m"
                " JOIN partner p ON p.id = m.partner_id WHERE p.name = :name ORDER BY m.id"
            ),
            {"name": name},
        ).all()
    _, newest = max(enumerate(rows), key=lambda pair: (pair[1].moved_at, pair[0]))
    assert newest.to_stage == newest.stage, f"newest move to {newest.to_stage}, partner in {newest.stage}"
    assert newest.moved_at == newest.stage_entered_at
    for previous, row in pairwise(rows):
        assert row.moved_at >= previous.moved_at, f"a later move is stamped earlier: {previous} then {row}"


def test_managers_whose_requests_were_stamped_out_of_order_leave_the_newest_move_on_the_current_stage(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    """Each request reads the clock before it queues on the row lock, so the lock order is not the clock order."""
    handle("add Acme", invocation_for())
    total = 0
    for round_number in range(ROUNDS):
        lines = [f"advance Acme {'onboarding' if index % 2 else 'support'}" for index in range(6)]
        base = timedelta(minutes=10 * (round_number + 1))
        clocks = [base + timedelta(seconds=5 - index) for index in range(6)]  # the last to start has the earliest time
        total += moved(at_once(invocation_for, lines, clocks=clocks))
        assert_newest_move_is_the_current_stage(engine, "Acme")
    assert_history_is_a_chain(engine, "Acme", total)
