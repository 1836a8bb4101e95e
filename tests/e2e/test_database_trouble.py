"""The database down or too slow: every surface answers the user at once with one clear sentence, /healthz
says 503 within its deadline, and the app works again, without a restart, as soon as the database does.

Two outages: a PostgreSQL host that accepts connections and never answers (a black hole on loopback,
later switched to forward to the real server), and a SQLite file whose write lock another process holds.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from bot.database_trouble import DATABASE_UNAVAILABLE
from bot.views.registry.form import build_registration_modal
from commands.registry.partners import registration_form
from storage.database import create_database_engine
from storage.migrate import downgrade, upgrade
from tests.conftest import POSTGRES_URL_VARIABLE, sqlite_url
from tests.e2e.blackhole import BlackHole
from tests.e2e.conftest import Slack, app_settings, sealed, serving
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.messages import visible_text
from tests.e2e.test_registration_modal import submission

CLEAR_ANSWER_WITHIN = 3.0
HEALTH_WITHIN = 2.5
NOTICE = "The database is not answering; nothing was changed. Try again in a minute."


@dataclass
class Outage:
    slack: Slack
    end: Callable[[], None]


@pytest.fixture(params=["postgres-black-hole", "sqlite-locked"])
def outage(request: pytest.FixtureRequest, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[Outage]:
    if request.param == "postgres-black-hole":
        real: Engine = request.getfixturevalue("postgres_engine")
        with real.connect() as connection:
            schema = str(connection.execute(text("SELECT current_schema()")).scalar())
        hole = BlackHole().start()
        url = make_url(os.environ[POSTGRES_URL_VARIABLE])
        settings = app_settings(fake_slack, url.set(host="127.0.0.1", port=hole.port).render_as_string(False))
        engine = create_database_engine(settings.database_url, schema=schema, timeouts=settings.database_timeouts)
        with serving(fake_slack, engine, settings) as slack:
            yield Outage(slack, lambda: hole.forward_to(url.host or "127.0.0.1", url.port or 5432))
        engine.dispose()
        hole.stop()
        return
    request.getfixturevalue("sqlite_engine")  # migrates the file
    settings = app_settings(fake_slack, sqlite_url(tmp_path), PARTNERBOT_DB_STATEMENT_TIMEOUT="2")
    engine = create_database_engine(settings.database_url, timeouts=settings.database_timeouts)
    lock = sqlite3.connect(make_url(settings.database_url).database or "", isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    with serving(fake_slack, engine, settings) as slack:
        yield Outage(slack, lock.rollback)
    lock.close()
    engine.dispose()


def block_actions(action: dict[str, Any], **where: Any) -> dict[str, Any]:
    """Anna clicking or choosing `action`, on the surface `where` describes."""
    clicked = {"block_id": "b", "action_ts": "1", **action}
    head = {"type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U01ANNA"}, "api_app_id": "A1"}
    return {**head, "trigger_id": "trigger-1", **where, "actions": [clicked]}


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def test_a_command_is_acknowledged_at_once_and_answered_with_the_clear_notice_within_3_s(outage: Outage) -> None:
    slack = outage.slack
    started = time.monotonic()
    answer = slack.command("add Acme", response="down")
    assert answer.status == 200 and time.monotonic() - started < 1
    reply = slack.reply("down")
    assert time.monotonic() - started < CLEAR_ANSWER_WITHIN
    assert NOTICE in reply["text"] and reply["response_type"] == "ephemeral"


def test_a_form_submission_is_refused_in_the_form_with_the_notice_within_3_s(outage: Outage) -> None:
    view = sealed(build_registration_modal(registration_form(), user_id="U01ANNA", metadata={}))
    answer, elapsed = timed(lambda: outage.slack.interaction(submission(view, name="Acme")))
    assert answer.status == 200 and elapsed < CLEAR_ANSWER_WITHIN
    assert answer.json() == {"response_action": "errors", "errors": {"name": DATABASE_UNAVAILABLE}}


def test_a_button_on_a_message_is_answered_through_its_response_url_within_3_s(outage: Outage) -> None:
    slack = outage.slack
    click = block_actions(
        {"action_id": "stall_open", "type": "button", "value": "1"},
        response_url=slack.fake.response_url("button"),
        container={"type": "message", "channel_id": "C9", "message_ts": "1700000000.000100"},
    )
    started = time.monotonic()
    assert slack.interaction(click).status == 200
    reply = slack.reply("button")
    assert time.monotonic() - started < CLEAR_ANSWER_WITHIN and NOTICE in reply["text"]


def test_a_home_menu_choice_is_answered_by_dm_within_3_s(outage: Outage) -> None:
    slack = outage.slack
    choice = block_actions(
        {"action_id": "home_partner_menu", "type": "overflow", "selected_option": {"value": "show:Acme"}},
        container={"type": "view", "view_id": "VHOME"},
        view={"id": "VHOME", "type": "home"},
    )
    started = time.monotonic()
    assert slack.interaction(choice).status == 200
    [dm] = slack.fake.wait_for("/api/chat.postMessage")
    assert time.monotonic() - started < CLEAR_ANSWER_WITHIN
    assert dm.body["channel"] == "U01ANNA" and NOTICE in dm.body["text"]


def test_the_app_home_is_published_with_the_notice_within_3_s(outage: Outage) -> None:
    slack = outage.slack
    started = time.monotonic()
    assert slack.event({"type": "app_home_opened", "user": "U01ANNA", "channel": "D1", "tab": "home"}).status == 200
    [published] = slack.fake.wait_for("/api/views.publish")
    assert time.monotonic() - started < CLEAR_ANSWER_WITHIN
    assert published.body["view"]["type"] == "home" and NOTICE in visible_text(published.body["view"])


def test_healthz_answers_503_within_its_deadline(outage: Outage) -> None:
    answer, elapsed = timed(lambda: outage.slack.get("/healthz"))
    assert (answer.status, answer.body) == (503, "database unavailable\n")
    assert elapsed < HEALTH_WITHIN


def test_the_app_recovers_without_a_restart_when_the_database_answers_again(outage: Outage) -> None:
    slack = outage.slack
    slack.command("add Acme", response="down")
    assert NOTICE in slack.reply("down")["text"]
    assert slack.get("/healthz").status == 503
    outage.end()
    slack.command("add Acme", response="up")
    assert "Added Acme" in visible_text(slack.reply("up"))
    assert (slack.get("/healthz").status, slack.get("/healthz").body) == (200, "ok\n")


@pytest.mark.parametrize("revision", ["base", "0003"])
def test_healthz_answers_503_while_the_schema_is_not_at_the_latest_migration(
    engine: Engine, fake_slack: FakeSlack, tmp_path: Path, revision: str
) -> None:
    downgrade(engine, revision)  # "base": an empty schema; "0003": one migration behind
    with serving(fake_slack, engine, app_settings(fake_slack, sqlite_url(tmp_path))) as slack:
        answer = slack.get("/healthz")
        assert (answer.status, answer.body) == (503, "database schema is not at the latest migration\n")
        upgrade(engine)
        assert slack.get("/healthz").status == 200


def test_a_database_that_hangs_mid_conversation_frees_every_request_and_the_app_recovers(
    postgres_engine: Engine, fake_slack: FakeSlack
) -> None:
    """Connections already in the pool stop getting answers: each round trip has a deadline on our side."""
    with postgres_engine.connect() as connection:
        schema = str(connection.execute(text("SELECT current_schema()")).scalar())
    url = make_url(os.environ[POSTGRES_URL_VARIABLE])
    hole = BlackHole().start()
    hole.forward_to(url.host or "127.0.0.1", url.port or 5432)
    through_hole = url.set(host="127.0.0.1", port=hole.port).render_as_string(False)
    settings = app_settings(fake_slack, through_hole, PARTNERBOT_DB_STATEMENT_TIMEOUT="1")
    engine = create_database_engine(settings.database_url, schema=schema, timeouts=settings.database_timeouts)
    with serving(fake_slack, engine, settings) as slack:
        slack.command("add Acme", response="before")
        assert "Added Acme" in visible_text(slack.reply("before"))
        hole.freeze()
        started = time.monotonic()
        slack.command("show Acme", response="hung")
        assert NOTICE in slack.reply("hung")["text"]
        assert time.monotonic() - started < 6  # a round trip of 1 s + 1 s, then a new connection's 2 s
        health, elapsed = timed(lambda: slack.get("/healthz"))
        assert health.status == 503 and elapsed < HEALTH_WITHIN
        hole.forward_to(url.host or "127.0.0.1", url.port or 5432)
        slack.command("show Acme", response="after")
        assert "*Stage:* Discovery" in visible_text(slack.reply("after"))
        assert slack.get("/healthz").status == 200
    engine.dispose()
    hole.stop()
