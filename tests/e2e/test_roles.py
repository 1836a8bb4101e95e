"""Roles over signed HTTP: commands, buttons and forms check the same rules, and a refusal changes nothing."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from storage.tables import Partner, StallAlert
from tests.e2e.conftest import Slack
from tests.e2e.messages import button_click, overflow_choice, view_submission, visible_text
from tests.e2e.test_card_buttons import card, choice, click
from tests.e2e.test_digest_alerts_and_home import post_summary, summary_alert_id

ANNA, PIOTR, OLGA, VERA, BOB = "U01ANNA", "U02PIOTR", "U03OLGA", "U04VERA", "U05BOB"


def run(slack: Slack, text: str, *, user: str = ANNA) -> str:
    response = f"r{len(slack.fake.calls)}"
    slack.command(text, user=user, response=response)
    return visible_text(slack.reply(response))


def partner(slack: Slack, name: str) -> Partner:
    with Session(slack.engine) as session:
        return session.exec(select(Partner).where(Partner.name == name)).one()


def test_slack_admins_may_archive_and_others_hear_who_the_admins_are(slack: Slack) -> None:
    slack.fake.add_user(ANNA, "Anna")
    slack.fake.add_user(OLGA, "Olga", is_admin=True)
    slack.fake.add_user(PIOTR, "Piotr")
    run(slack, "add Acme")
    refusal = run(slack, "archive Acme", user=PIOTR)
    assert "Archiving needs the admin role; admins here: @Anna." in refusal
    assert not partner(slack, "Acme").archived
    assert "Archived Acme" in run(slack, "archive Acme", user=OLGA)
    assert partner(slack, "Acme").archived
    asked = [call.body["user"] for call in slack.fake.calls if call.method == "users.info"]
    assert PIOTR in asked and OLGA in asked


def test_owners_of_the_slack_workspace_are_admins(slack: Slack) -> None:
    slack.fake.add_user(PIOTR, "Piotr", is_owner=True)
    assert "*default-role*: viewer" in run(slack, "settings default-role=viewer", user=PIOTR)
    assert "Changing workspace settings needs the admin role" in run(slack, "settings managers=all", user=BOB)


def test_a_viewers_snooze_click_is_refused_privately_and_opens_no_form(slack: Slack) -> None:
    summary = post_summary(slack)
    assert "now holds the viewer role" in run(slack, f"role <@{VERA}|vera> viewer")
    payload = overflow_choice(summary.body, f"snooze:{summary_alert_id(slack)}", user=VERA, trigger_id="t-snooze")
    payload["response_url"] = slack.fake.response_url("snooze")
    assert slack.interaction(payload).status == 200
    answer = slack.reply("snooze")
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    assert "Changing a partner needs the manager role" in visible_text(answer)
    assert "/api/views.open" not in slack.fake.paths()
    with Session(slack.engine) as session:
        [alert] = session.exec(select(StallAlert)).all()
    assert alert.snoozed_until is None


def test_a_manager_may_not_open_the_forms_of_a_partner_someone_else_owns(slack: Slack) -> None:
    run(slack, f"add Acme owner=<@{ANNA}|anna>")
    message = card(slack, "Acme")
    payload = button_click(message, "card_advance", user=BOB, trigger_id="t-advance")
    payload["response_url"] = slack.fake.response_url("advance")
    assert slack.interaction(payload).status == 200
    assert "Changing Acme needs its owner (@u01anna) or the admin role" in visible_text(slack.reply("advance"))
    assert "/api/views.open" not in slack.fake.paths()


def test_a_form_submitted_after_its_sender_lost_the_role_is_refused_on_the_form(slack: Slack) -> None:
    run(slack, f"add Acme owner=<@{BOB}|bob>")
    view = click(slack, card(slack, "Acme"), "card_advance", user=BOB)
    run(slack, f"role <@{BOB}|bob> viewer")
    answer = slack.interaction(view_submission(view, {"stage": choice("support")}, user=BOB))
    assert answer.status == 200
    errors: dict[str, Any] = answer.json()["errors"]
    assert "Changing a partner needs the manager role" in errors["stage"]
    assert partner(slack, "Acme").stage == "discovery"


def test_with_managers_all_a_manager_changes_any_partner(slack: Slack) -> None:
    run(slack, f"add Acme owner=<@{ANNA}|anna>")
    assert "needs its owner" in run(slack, "advance Acme", user=BOB)
    run(slack, "settings managers=all")
    assert "needs" not in run(slack, "advance Acme", user=BOB)
    assert partner(slack, "Acme").stage == "attraction"
