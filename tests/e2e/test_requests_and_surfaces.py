"""Signature checks, App Home, the health check and retries against Slack's rate limits."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from sqlmodel import Session, select

from storage.tables import Partner
from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text

ADD_ACME = urlencode(
    {
        "team_id": "T1",
        "user_id": "U01ANNA",
        "command": "/partner",
        "text": "add Acme",
        "response_url": "http://127.0.0.1:9/response",
        "trigger_id": "t",
    }
)


def assert_nothing_happened(slack: Slack) -> None:
    time.sleep(0.3)
    assert [path for path in slack.fake.paths() if path != "/api/auth.test"] == []
    with Session(slack.engine) as session:
        assert session.exec(select(Partner)).all() == []


def test_request_with_a_wrong_signature_is_refused_with_401(slack: Slack) -> None:
    headers = Slack.sign(ADD_ACME)
    headers["X-Slack-Signature"] = "v0=" + "0" * 64
    assert slack.post(ADD_ACME, "application/x-www-form-urlencoded", headers=headers).status == 401
    assert_nothing_happened(slack)


def test_request_without_signature_headers_is_refused_with_401(slack: Slack) -> None:
    assert slack.post(ADD_ACME, "application/x-www-form-urlencoded", headers={}).status == 401
    assert_nothing_happened(slack)


def test_correctly_signed_but_stale_request_is_refused_with_401(slack: Slack) -> None:
    stale = Slack.sign(ADD_ACME, timestamp=int(time.time()) - 10 * 60)
    assert slack.post(ADD_ACME, "application/x-www-form-urlencoded", headers=stale).status == 401
    assert_nothing_happened(slack)


def test_body_tampered_after_signing_is_refused(slack: Slack) -> None:
    headers = Slack.sign(ADD_ACME)
    tampered = ADD_ACME.replace("Acme", "Evil")
    assert slack.post(tampered, "application/x-www-form-urlencoded", headers=headers).status == 401
    assert_nothing_happened(slack)


def test_app_home_opened_publishes_the_users_partners_and_the_journey(slack: Slack) -> None:
    slack.command("add Acme owner=<@U01ANNA|anna>", response="add")
    slack.reply("add")
    assert slack.event({"type": "app_home_opened", "user": "U01ANNA", "channel": "D1", "tab": "home"}).status == 200
    call = slack.fake.wait_for("/api/views.publish")[0]
    assert call.body["user_id"] == "U01ANNA"
    view = call.body["view"]
    assert view["type"] == "home"
    text = visible_text(view)
    assert "Your partners" in text and "Acme" in text and "Partner journey" in text


def test_home_add_partner_button_opens_the_registration_modal(slack: Slack) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U01ANNA"},
        "api_app_id": "A1",
        "trigger_id": "trigger-home",
        "container": {"type": "view", "view_id": "VHOME"},
        "view": {"id": "VHOME", "type": "home"},
        "actions": [{"action_id": "home_add_partner", "block_id": "b", "type": "button", "action_ts": "1"}],
    }
    assert slack.interaction(payload).status == 200
    call = slack.fake.wait_for("/api/views.open")[0]
    assert call.body["trigger_id"] == "trigger-home"
    assert call.body["view"]["callback_id"] == "partner_registration"


def test_healthz_answers_200_when_the_database_answers(slack: Slack) -> None:
    answer = slack.get("/healthz")
    assert (answer.status, answer.body) == (200, "ok\n")


def test_rate_limited_web_api_call_is_retried_after_the_pause_slack_asks_for(slack: Slack) -> None:
    slack.fake.script(
        "/api/views.open",
        (429, {"Retry-After": "1", "Content-Type": "application/json"}, {"ok": False, "error": "ratelimited"}),
    )
    slack.command("add", response="form")
    calls = slack.fake.wait_for("/api/views.open", count=2)
    assert len(calls) == 2 and calls[1].body["view"]["callback_id"] == "partner_registration"
