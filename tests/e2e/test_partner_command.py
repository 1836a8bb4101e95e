"""`/partner` verbs through the real App over signed HTTP, answered via the response URL."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from storage.tables import Partner, StageMove
from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text


def test_command_is_acknowledged_at_once_with_an_empty_body(slack: Slack) -> None:
    answer = slack.command("help")
    assert (answer.status, answer.body) == (200, "")


def test_help_lists_every_verb_privately(slack: Slack) -> None:
    slack.command("help")
    reply = slack.reply()
    assert reply["response_type"] == "ephemeral"
    for verb in ("add", "advance", "show", "list", "stages", "archive"):
        assert f"/partner {verb}" in visible_text(reply)
    assert "/partner advance" in reply["text"]


def test_add_with_fields_posts_the_new_card_in_channel(slack: Slack) -> None:
    slack.command('add "Globex Corporation" type=reseller segment=fintech owner=<@U02BOB|bob>')
    reply = slack.reply()
    assert reply["response_type"] == "in_channel"
    text = visible_text(reply)
    assert "Added Globex Corporation" in text
    assert "<@U02BOB>" in text and "reseller" in text and "fintech" in text
    with Session(slack.engine) as session:
        partner = session.exec(select(Partner)).one()
    assert (partner.team_id, partner.name, partner.owner, partner.stage) == (
        "T1",
        "Globex Corporation",
        "U02BOB",
        "discovery",
    )


def test_advance_moves_partner_and_reports_days_and_direction(slack: Slack) -> None:
    slack.command("add Acme", response="add")
    slack.reply("add")
    slack.command('advance Acme support "kick-off done"', response="forward")
    forward = visible_text(slack.reply("forward"))
    assert "Discovery → Support" in forward and "0 days in Discovery" in forward and "kick-off done" in forward
    slack.command("advance acme discovery", response="back")
    back = visible_text(slack.reply("back"))
    assert "back" in back and "Support → Discovery" in back and "backwards" in back
    with Session(slack.engine) as session:
        moves = session.exec(select(StageMove).order_by(StageMove.id)).all()
    assert [(m.from_stage, m.to_stage, m.moved_by) for m in moves] == [
        (None, "discovery", "U01ANNA"),
        ("discovery", "support", "U01ANNA"),
        ("support", "discovery", "U01ANNA"),
    ]
    assert moves[1].note == "kick-off done"


def test_advance_without_stage_moves_to_the_next_one(slack: Slack) -> None:
    slack.command("add Acme", response="add")
    slack.reply("add")
    slack.command("advance Acme", response="next")
    assert "Discovery → Attraction" in visible_text(slack.reply("next"))


def test_typo_in_stage_gets_suggestion_and_changes_nothing(slack: Slack) -> None:
    slack.command("add Acme", response="add")
    slack.reply("add")
    slack.command("advance Acme suport", response="typo")
    reply = slack.reply("typo")
    assert reply["response_type"] == "ephemeral"
    assert "Unknown stage 'suport' — did you mean support?" in visible_text(reply)
    assert "discovery, attraction, onboarding, support, goal" in visible_text(reply)
    with Session(slack.engine) as session:
        assert session.exec(select(Partner.stage)).one() == "discovery"
        assert len(session.exec(select(StageMove)).all()) == 1


def test_unknown_verb_and_unknown_partner_name_the_word_and_suggest(slack: Slack) -> None:
    slack.command("advanec Acme", response="verb")
    assert "Unknown command 'advanec' — did you mean advance?" in visible_text(slack.reply("verb"))
    slack.command("add Acme", response="add")
    slack.reply("add")
    slack.command("show Acm", response="partner")
    assert "No partner named 'Acm' — did you mean Acme?" in visible_text(slack.reply("partner"))


def test_show_list_and_stages_render_cards_groups_and_counts(slack: Slack) -> None:
    for index, name in enumerate(("Acme", "Ромашка", "Żabka")):
        slack.command(f"add {name}", response=f"add{index}")
        slack.reply(f"add{index}")
    slack.command("advance Ромашка поддержка", response="move")
    slack.reply("move")
    slack.command("show РОМАШКА", response="show")
    card = visible_text(slack.reply("show"))
    assert "Ромашка" in card and "Stage:* Support" in card and "Discovery → Support" in card
    slack.command("list", response="list")
    listing = visible_text(slack.reply("list"))
    assert listing.index("Discovery") < listing.index("Support")
    assert "Acme" in listing and "Żabka" in listing
    slack.command("stages", response="stages")
    stages = visible_text(slack.reply("stages"))
    assert "Discovery* (`discovery`) — 2 partners" in stages and "Support* (`support`) — 1 partner" in stages


def test_duplicate_name_in_another_case_and_script_is_refused(slack: Slack) -> None:
    slack.command("add Żabka", response="first")
    slack.reply("first")
    slack.command("add ŻABKA", response="again")
    assert "already exists" in visible_text(slack.reply("again"))
    with Session(slack.engine) as session:
        assert len(session.exec(select(Partner)).all()) == 1


def test_archive_hides_partner_from_list_and_keeps_history(slack: Slack) -> None:
    slack.command("add Acme", response="add")
    slack.reply("add")
    slack.command("archive Acme", response="archive")
    assert "Archived Acme" in visible_text(slack.reply("archive"))
    slack.command("list", response="list")
    assert "Acme" not in visible_text(slack.reply("list"))
    slack.command("show Acme", response="show")
    assert "archived" in visible_text(slack.reply("show"))


def test_typed_mentions_and_markup_in_names_are_escaped_everywhere(slack: Slack) -> None:
    slack.command("add &lt;!channel&gt; &amp; &lt;@U999&gt; Co", response="add")
    reply = slack.reply("add")
    raw = json.dumps(reply)
    assert "<!channel>" not in raw and "<@U999>" not in raw
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt; Co" in reply["text"]
    with Session(slack.engine) as session:
        assert session.exec(select(Partner.name)).one() == "<!channel> & <@U999> Co"
