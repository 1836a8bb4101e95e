"""`advance` with stage names typed as people type them, over signed HTTP."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.tables import StageMove
from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text


def test_quoted_russian_stage_name_moves_there_and_a_stray_word_is_refused_with_a_hint(slack: Slack) -> None:
    slack.command("add Initech", response="add")
    slack.reply("add")
    slack.command('advance Initech "конечная цель"', response="goal")
    assert "Discovery → End goal" in visible_text(slack.reply("goal"))
    slack.command("advance Initech support demo", response="stray")
    stray = visible_text(slack.reply("stray"))
    assert "'demo' after the stage is not understood" in stray and 'support "demo"' in stray
    with Session(slack.engine) as session:
        moves = session.exec(select(StageMove).order_by(col(StageMove.id))).all()
    assert [(move.to_stage, move.note) for move in moves] == [("discovery", None), ("goal", None)]
