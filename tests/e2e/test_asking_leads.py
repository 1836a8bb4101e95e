"""`/partner ask` over HTTP: leads must be people (checked with users.info), at most 20, and each DM is a
durable outbox step, sent at once and reported on its own: refused for good (the lead is not asked) or to
follow (Slack busy or down; the sender sends it once later). On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.jobs import run_job
from storage.scoring_tables import ScoreRequest
from tests.conftest import sqlite_url
from tests.e2e.conftest import Slack, app_settings, serving
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.messages import visible_text
from tests.e2e.test_digest_alerts_and_home import job_runner

BOB, CAT, DAN = "U02BOB", "U03CAT", "U04DAN"


@pytest.fixture(params=["sqlite", "postgres"])
def slack(request: pytest.FixtureRequest, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[Slack]:
    engine: Engine = request.getfixturevalue(f"{request.param}_engine")
    with serving(fake_slack, engine, app_settings(fake_slack, sqlite_url(tmp_path))) as running:
        yield running


def send_later(slack: Slack, minutes: int = 1) -> str:
    """The scheduled sender, run as it would be `minutes` from now."""
    return run_job("outbox", *job_runner(slack, datetime.now(UTC) + timedelta(minutes=minutes)))


def run(slack: Slack, text: str) -> dict[str, Any]:
    response = f"r{len(slack.fake.calls)}"
    slack.command(text, response=response)
    return slack.reply(response)


def dms(slack: Slack) -> list[str]:
    return [call.body["channel"] for call in slack.fake.calls if call.method == "chat.postMessage"]


def looked_up(slack: Slack, requester: str = "U01ANNA") -> list[str]:
    """The leads users.info was asked about (the requester is looked up too, for the language of the answer)."""
    return [
        call.body["user"] for call in slack.fake.calls if call.method == "users.info" and call.body["user"] != requester
    ]


def requested(slack: Slack) -> list[str]:
    with Session(slack.engine) as session:
        return sorted(request.lead for request in session.exec(select(ScoreRequest)).all())


def test_a_bot_or_a_deactivated_lead_refuses_the_ask_naming_them_and_nothing_is_sent(slack: Slack) -> None:
    run(slack, "add Acme")
    slack.fake.add_user("U0DEPLOY", "Deploy Bot", is_bot=True)
    slack.fake.add_user("U0GONE", "Old Timer", deleted=True)
    reply = run(slack, f"ask Acme <@{BOB}|bob> <@U0DEPLOY|deploy> <@U0GONE|old>")
    text = visible_text(reply)
    assert "Deploy Bot (U0DEPLOY) is a bot" in text and "Old Timer (U0GONE) is deactivated" in text
    assert "Nothing was changed" in text and reply["response_type"] == "ephemeral"
    assert sorted(looked_up(slack)) == sorted([BOB, "U0DEPLOY", "U0GONE"])
    assert dms(slack) == [] and requested(slack) == []


def test_a_user_slack_does_not_know_is_named_in_the_refusal(slack: Slack) -> None:
    run(slack, "add Acme")
    slack.fake.answer_when("users.info", {"user": "U0NOONE"}, 200, {"ok": False, "error": "user_not_found"})
    assert "U0NOONE is not a user of this workspace" in visible_text(run(slack, "ask Acme <@U0NOONE>"))
    assert dms(slack) == [] and requested(slack) == []


def test_channels_broadcasts_groups_and_plain_words_are_not_leads_and_slack_is_not_asked(slack: Slack) -> None:
    run(slack, "add Acme")
    for typed, named in (
        ("@general", "'@general' is not a person"),
        ("<!channel>", "'@channel' is not a person"),
        ("<!here>", "'@here' is not a person"),
        ("<!subteam^S0DEVS|@devs>", "'@devs' is not a person"),
        ("<#C0PARTNERS|partners>", "'#partners' is a channel"),
        ("anna", "'anna' is not a mention"),
    ):
        text = visible_text(run(slack, f"ask Acme <@{BOB}|bob> {typed}"))
        assert named in text and "Pick each lead from Slack's @ menu" in text, typed
    assert looked_up(slack) == [] and dms(slack) == [] and requested(slack) == []


def test_twenty_one_leads_are_refused_and_twenty_are_asked(slack: Slack) -> None:
    run(slack, "add Acme")
    leads = [f"U{n:04d}LEAD" for n in range(21)]
    text = visible_text(run(slack, "ask Acme " + " ".join(f"<@{lead}>" for lead in leads)))
    assert "At most 20 leads per ask; you named 21" in text
    assert looked_up(slack) == [] and dms(slack) == [] and requested(slack) == []
    run(slack, "ask Acme " + " ".join(f"<@{lead}>" for lead in leads[:20]))
    assert sorted(dms(slack)) == sorted(leads[:20]) and requested(slack) == sorted(leads[:20])


def test_one_dm_failing_does_not_stop_the_others_and_the_asker_hears_who_got_it(slack: Slack) -> None:
    run(slack, "add Acme")
    slack.fake.answer_when("chat.postMessage", {"channel": CAT}, 500, {"ok": False, "error": "internal_error"})
    slack.fake.answer_when("chat.postMessage", {"channel": DAN}, 200, {"ok": False, "error": "cannot_dm_bot"})
    text = visible_text(run(slack, f"ask Acme <@{BOB}|bob> <@{CAT}|cat> <@{DAN}|dan> <@U05EVE|eve>"))
    assert dms(slack) == [BOB, CAT, DAN, "U05EVE"]  # every lead was tried, in order
    assert f"Asked <@{BOB}>, <@U05EVE> to score *Acme*" in text
    assert f"The DM to <@{CAT}> will follow" in text
    assert f"Could not DM <@{DAN}> (a bot)" in text and "They were not asked" in text
    assert requested(slack) == sorted([BOB, CAT, "U05EVE"])  # Dan was not asked: a later ask retries him

    slack.fake.scripted_for.clear()
    again = visible_text(run(slack, f"ask Acme <@{BOB}|bob> <@{CAT}|cat> <@{DAN}|dan>"))
    assert f"Asked <@{DAN}>" in again and f"Already waiting for <@{BOB}>, <@{CAT}>" in again
    assert dms(slack).count(DAN) == 2 and dms(slack).count(BOB) == 1 and dms(slack).count(CAT) == 1
    assert "outbox: 1 sent" in send_later(slack)
    assert dms(slack).count(CAT) == 2 and dms(slack).count(BOB) == 1  # Cat's DM, sent once it could be


def test_a_dm_answered_500_is_sent_by_the_next_sender_run_and_the_lead_gets_exactly_one(slack: Slack) -> None:
    run(slack, "add Acme")
    slack.fake.answer_when("chat.postMessage", {"channel": CAT}, 500, {"ok": False, "error": "internal_error"})
    text = visible_text(run(slack, f"ask Acme <@{CAT}|cat>"))
    assert f"The DM to <@{CAT}> will follow" in text and "Could not DM" not in text
    assert requested(slack) == [CAT]
    slack.fake.scripted_for.clear()
    assert "outbox: 1 sent" in send_later(slack)
    assert "outbox: 0 sent" in send_later(slack, minutes=120)
    delivered = [call.body for call in slack.fake.calls if call.method == "chat.postMessage"]
    assert [body["channel"] for body in delivered] == [CAT, CAT]  # the 500, then the one DM Cat got
    assert "asks you to score *Acme*" in visible_text(delivered[-1])
