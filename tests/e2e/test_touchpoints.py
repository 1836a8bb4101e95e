"""`/partner log` over signed HTTP: announced in channel, escaped, and on the card."""

from __future__ import annotations

from sqlmodel import Session, select

from storage.journey_tables import Touchpoint
from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text


def test_log_answers_in_channel_and_the_card_lists_the_touchpoint(slack: Slack) -> None:
    slack.command("add Acme", response="add")
    slack.reply("add")
    slack.command('log Acme meeting "QBR with <their> CTO"', response="log")
    logged = slack.reply("log")
    assert logged["response_type"] == "in_channel"
    assert "Logged a meeting with *Acme*" in visible_text(logged) and "&lt;their&gt;" in visible_text(logged)
    slack.command("log Acme coffee", response="bad")
    assert "Unknown touchpoint kind 'coffee'" in visible_text(slack.reply("bad"))
    slack.command("show Acme", response="show")
    assert "*Touchpoints*" in visible_text(slack.reply("show"))
    with Session(slack.engine) as session:
        touchpoints = session.exec(select(Touchpoint)).all()
    assert [(t.kind, t.stage, t.note, t.recorded_by) for t in touchpoints] == [
        ("meeting", "discovery", "QBR with <their> CTO", "U01ANNA")
    ]
