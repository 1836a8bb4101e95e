"""Designing the journey and ticking checklists over signed HTTP."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.journey_tables import JourneyStage
from storage.tables import StageMove
from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text


def test_a_new_stage_with_a_checklist_is_used_by_advance_and_the_card(slack: Slack) -> None:
    slack.command('stages add "Pilot <1>" after onboarding days=30', response="add")
    added = slack.reply("add")
    assert added["response_type"] == "in_channel" and "Pilot &lt;1&gt;" in visible_text(added)
    slack.command('stages checklist pilot-1 add "Joint deal signed"', response="step")
    assert "Joint deal signed" in visible_text(slack.reply("step"))
    for number, line in enumerate(("add Acme", 'advance Acme "pilot <1>"')):
        slack.command(line, response=f"line{number}")
        slack.reply(f"line{number}")
    slack.command('check Acme "joint deal"', response="check")
    assert "1/1 done" in visible_text(slack.reply("check"))
    slack.command("stages remove pilot-1", response="refused")
    assert "1 partner(s) are in Pilot &lt;1&gt;" in visible_text(slack.reply("refused"))
    with Session(slack.engine) as session:
        keys = session.exec(select(JourneyStage.key).order_by(col(JourneyStage.position))).all()
        moves = session.exec(select(StageMove.to_stage).order_by(col(StageMove.id))).all()
    assert keys == ["discovery", "attraction", "onboarding", "pilot-1", "support", "goal"]
    assert moves == ["discovery", "pilot-1"]
