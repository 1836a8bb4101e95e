"""Slack Connect over signed HTTP: a channel shared with another organisation gets no partner data unless an
admin allowed it, commands typed there are answered privately, scheduled posts are held and reported, and
people from the other organisation get nothing; forms and buttons are checked against who sends them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.channel_safety import HELD
from bot.jobs import run_job
from commands.context import Invocation
from commands.verbs import handle
from domain.schedule import WeeklySchedule, latest_due
from storage.delivery_tables import OutboxStep
from storage.journey_tables import Touchpoint
from storage.tables import Partner
from storage.unit_of_work import UnitOfWork
from tests.conftest import sqlite_url
from tests.e2e.conftest import Slack, app_settings, serving
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.messages import button_click, view_submission, visible_text
from tests.e2e.test_digest_alerts_and_home import WARSAW, job_runner, stalled_in_onboarding

SHARED = "C0SHARED"


@pytest.fixture(params=["sqlite", "postgres"])
def slack(request: pytest.FixtureRequest, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[Slack]:
    """The allowed channels and the held posts are stored: each test runs on SQLite and on PostgreSQL."""
    engine: Engine = request.getfixturevalue(f"{request.param}_engine")
    with serving(fake_slack, engine, app_settings(fake_slack, sqlite_url(tmp_path))) as running:
        yield running


ANNA, GUEST = "U01ANNA", "U0GUEST"
PRIVATE_NOTE = "Only you can see this: this channel is shared with another organisation"
REFUSAL = "partnerbot answers only the people of the workspace that installed it"


def run(slack: Slack, text: str, *, channel: str = "C1", user: str = ANNA) -> dict[str, Any]:
    response = f"r{len(slack.fake.calls)}"
    slack.command(text, channel=channel, user=user, response=response)
    return slack.reply(response)


def posted_in(slack: Slack, channel: str) -> list[dict[str, Any]]:
    return [
        call.body for call in slack.fake.calls if call.method == "chat.postMessage" and call.body["channel"] == channel
    ]


def partner_names(slack: Slack) -> list[str]:
    with Session(slack.engine) as session:
        return sorted(partner.name for partner in session.exec(select(Partner)).all())


def test_a_kpi_entry_made_in_a_shared_channel_is_answered_privately_with_a_note_why(slack: Slack) -> None:
    slack.fake.shared_channels.add(SHARED)
    run(slack, "add Acme")
    reply = run(slack, "kpi Acme leads=7", channel=SHARED)
    assert reply["response_type"] == "ephemeral"
    assert "Acme" in visible_text(reply) and PRIVATE_NOTE in visible_text({"blocks": reply["blocks"][:1]})
    internal = run(slack, "kpi Acme leads=8", channel="C1")
    assert internal["response_type"] == "in_channel" and PRIVATE_NOTE not in visible_text(internal)
    run(slack, "kpi Acme deals=1", channel=SHARED)
    asked = [call.body["channel"] for call in slack.fake.calls if call.method == "conversations.info"]
    assert asked.count(SHARED) == 1, "the channel's sharing is kept, not asked for every command"


def test_digest_now_in_a_shared_channel_posts_there_only_while_an_admin_allows_it(slack: Slack) -> None:
    slack.fake.shared_channels.add(SHARED)
    stalled_in_onboarding(slack, "Acme", now=datetime.now(UTC))
    held = run(slack, "digest now", channel=SHARED)
    assert held["response_type"] == "ephemeral" and "Partner digest" in visible_text(held)
    assert PRIVATE_NOTE in visible_text(held) and posted_in(slack, SHARED) == []

    allowed = visible_text(run(slack, f"settings allow-shared <#{SHARED}|acme-partners>"))
    assert "*allow-shared*: #acme-partners" in allowed
    slack.command("digest now", channel=SHARED, response="allowed")
    [posted] = slack.fake.wait_for("/api/chat.postMessage")
    assert posted.body["channel"] == SHARED and "Partner digest" in visible_text(posted.body)

    assert "*allow-shared*: none" in visible_text(run(slack, "settings allow-shared none"))
    again = run(slack, "digest now", channel=SHARED)
    assert again["response_type"] == "ephemeral" and PRIVATE_NOTE in visible_text(again)
    assert len(posted_in(slack, SHARED)) == 1


def test_allow_shared_names_what_it_needs_and_changes_nothing_on_a_bad_value(slack: Slack) -> None:
    reply = visible_text(run(slack, "settings allow-shared partners"))
    assert "'partners' is not a channel: mention it with #" in reply
    assert "*allow-shared*: none" in visible_text(run(slack, "settings"))


def test_the_weekly_digest_for_a_shared_channel_is_held_and_whoever_set_it_up_hears_why(slack: Slack) -> None:
    slack.fake.shared_channels.add(SHARED)
    due = latest_due(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW)
    stalled_in_onboarding(slack, "Acme", now=due)
    run(slack, f"digest <#{SHARED}|acme-partners> mon 09:00")
    outcome = run_job("weekly-digest", *job_runner(slack, due + timedelta(minutes=3)))
    assert f"queued for {SHARED}" in outcome and "1 sent" in outcome
    assert posted_in(slack, SHARED) == [] and slack.fake.uploaded() == []
    [notice] = posted_in(slack, ANNA)
    assert "held back a post for #acme-partners" in visible_text(notice) and "allow-shared" in visible_text(notice)
    with Session(slack.engine) as session:
        steps = session.exec(select(OutboxStep).where(col(OutboxStep.channel) == SHARED)).all()
    assert [step.kind for step in steps] == ["message", "chart", "chart", "chart"]
    assert all(step.state == "failed" for step in steps) and steps[0].last_error == HELD


def test_a_person_from_another_organisation_typing_in_a_shared_channel_gets_a_refusal_and_no_data(
    slack: Slack,
) -> None:
    slack.fake.shared_channels.add(SHARED)
    run(slack, "add Acme")
    slack.fake.add_user(GUEST, "Partner Guest", team_id="T0PARTNER", is_stranger=True)
    shown = run(slack, "show Acme", channel=SHARED, user=GUEST)
    assert REFUSAL in visible_text(shown) and "Acme" not in visible_text(shown)
    added = run(slack, "add Globex", channel=SHARED, user=GUEST)
    assert REFUSAL in visible_text(added) and partner_names(slack) == ["Acme"]


def test_a_button_clicked_by_another_organisations_user_opens_nothing(slack: Slack) -> None:
    run(slack, "add Acme")
    card = run(slack, "show Acme")
    payload = button_click(card, "card_advance", user=GUEST, trigger_id="trigger-guest")
    payload["user"]["team_id"] = "T0PARTNER"
    payload["response_url"] = slack.fake.response_url("guest")
    assert slack.interaction(payload).status == 200
    assert REFUSAL in slack.reply("guest")["text"]
    assert "/api/views.open" not in slack.fake.paths()


def open_log_form(slack: Slack) -> dict[str, Any]:
    run(slack, "add Acme")
    payload = button_click(run(slack, "show Acme"), "card_log", user=ANNA, trigger_id="trigger-log")
    assert slack.interaction(payload).status == 200
    view: dict[str, Any] = slack.fake.wait_for("/api/views.open")[0].body["view"]
    return view


def logged(slack: Slack) -> int:
    with Session(slack.engine) as session:
        return len(session.exec(select(Touchpoint)).all())


LOG = {"kind": {"type": "static_select", "selected_option": {"value": "webinar"}}}


def test_a_form_opened_for_one_person_is_refused_from_another_person_or_workspace_and_changes_nothing(
    slack: Slack,
) -> None:
    view = open_log_form(slack)
    by_bob = slack.interaction(view_submission(view, LOG, user="U02BOB"))
    assert by_bob.status == 400 and "another workspace or person" in by_bob.body
    elsewhere = view_submission(view, LOG)
    elsewhere["team"]["id"] = elsewhere["user"]["team_id"] = elsewhere["view"]["team_id"] = "T2"
    assert slack.interaction(elsewhere).status == 400
    assert logged(slack) == 0
    assert slack.interaction(view_submission(view, LOG)).status == 200
    assert logged(slack) == 1


def test_a_button_naming_another_workspaces_partner_finds_nothing_and_opens_nothing(slack: Slack) -> None:
    other = Invocation("T2", "U0OTHER", datetime.now(UTC), WARSAW, lambda: UnitOfWork(slack.engine))
    handle("add Globex", other)
    run(slack, "add Acme")
    card = run(slack, "show Acme")
    forged = button_click(card, "card_advance", user=ANNA, trigger_id="trigger-forged")
    forged["actions"][0]["value"] = "Globex"
    forged["response_url"] = slack.fake.response_url("forged")
    assert slack.interaction(forged).status == 200
    assert "Globex" in visible_text(slack.reply("forged")) and "/api/views.open" not in slack.fake.paths()
    assert partner_names(slack) == ["Acme", "Globex"]
