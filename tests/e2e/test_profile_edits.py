"""`set` and `rename` over signed HTTP: the change is announced in channel and kept in the partner's history."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.journey_tables import PartnerEdit
from storage.tables import Partner
from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text


def test_set_and_rename_answer_in_channel_and_show_lists_the_changes(slack: Slack) -> None:
    slack.command("add Acme source=events", response="add")
    slack.reply("add")
    slack.command("set Acme type=reseller owner=<@U02BOB|bob> source=referral", response="set")
    edited = slack.reply("set")
    assert edited["response_type"] == "in_channel"
    assert "type: — → reseller" in visible_text(edited) and "owner: — → <@U02BOB>" in visible_text(edited)
    slack.command('rename Acme "Acme <Group>"', response="rename")
    assert "name: Acme → Acme &lt;Group&gt;" in visible_text(slack.reply("rename"))
    slack.command('show "acme <group>"', response="show")
    card = visible_text(slack.reply("show"))
    assert "Profile changes" in card and "source: events → referral" in card and "referral" in card
    with Session(slack.engine) as session:
        partner = session.exec(select(Partner)).one()
        edits = session.exec(select(PartnerEdit).order_by(col(PartnerEdit.id))).all()
    profile = (partner.name, partner.type, partner.owner, partner.source)
    assert profile == ("Acme <Group>", "reseller", "U02BOB", "referral")
    assert [(e.field, e.before, e.after, e.edited_by) for e in edits] == [
        ("type", None, "reseller", "U01ANNA"),
        ("owner", None, "U02BOB", "U01ANNA"),
        ("source", "events", "referral", "U01ANNA"),
        ("name", "Acme", "Acme <Group>", "U01ANNA"),
    ]
