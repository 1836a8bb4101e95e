"""`advance` as a new user types it: stage names in any language, quoted or multi-word, notes only in quotes."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, text

from commands.context import Invocation
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def test_quoted_or_multi_word_stage_names_move_to_that_stage_and_stray_words_change_nothing(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(
        invocation_for(),
        """
        add Initech → Added Initech
        advance Initech "конечная цель" → ▶ Initech moved Discovery → End goal
        advance Initech discovery → ◀ Initech moved back End goal → Discovery
        advance Initech end goal → ▶ Initech moved Discovery → End goal
        advance Initech attraction "first call" → ◀ Initech moved back End goal → Attraction … “first call”
        advance Initech „cel końcowy” → ▶ Initech moved Attraction → End goal
        advance Initech discovery demo → ⚠ 'demo' after the stage is not understood … advance Initech discovery "demo"`
        advance Initech demo booked → ⚠ Unknown stage 'demo booked' … `/partner advance Initech "demo booked"`
        """,
    )
    with engine.connect() as connection:
        moves = connection.execute(text("SELECT to_stage, note FROM stage_move ORDER BY id")).all()
    assert [tuple(move) for move in moves] == [
        ("discovery", None),
        ("goal", None),
        ("discovery", None),
        ("goal", None),
        ("attraction", "first call"),
        ("goal", None),
    ]
