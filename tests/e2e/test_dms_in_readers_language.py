"""Direct messages are written in the recipient's language, whoever or whatever sent them: score invitations
(`/partner ask`) and reminders (the score-reminders job), owners' stalled summaries (`stalled notify dm|both`)
and the held-post notice of Slack Connect safety. The recipient's `my-language`, else their Slack locale
(users.info, cached), else the workspace's language when Slack cannot say. Over the real App and jobs with the
fake Slack API, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.jobs import run_job
from domain.schedule import WeeklySchedule, latest_due
from tests.conftest import sqlite_url
from tests.e2e.conftest import Slack, app_settings, serving
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.messages import visible_text
from tests.e2e.test_digest_alerts_and_home import (
    DIGEST_CHANNEL,
    WARSAW,
    configure_digest,
    job_runner,
    recorded,
    stalled_in_onboarding,
)

ANNA, OLGA, PIOTR, EVA = "U01ANNA", "U03OLGA", "U04PIOTR", "U05EVA"
INVITED_RU = "просит вас оценить партнёра *Acme*"
REMINDED_RU = "Напоминание"


@pytest.fixture(params=["sqlite", "postgres"])
def slack(request: pytest.FixtureRequest, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[Slack]:
    engine: Engine = request.getfixturevalue(f"{request.param}_engine")
    with serving(fake_slack, engine, app_settings(fake_slack, sqlite_url(tmp_path))) as running:
        yield running


def run(slack: Slack, text: str, user: str = ANNA) -> str:
    response = f"r{len(slack.fake.calls)}"
    slack.command(text, user=user, response=response)
    return visible_text(slack.reply(response))


def job(slack: Slack, name: str, now: datetime) -> str:
    return run_job(name, *job_runner(slack, now))


def dm_to(slack: Slack, user: str) -> list[str]:
    return [
        visible_text(call.body) for call in slack.fake.calls_to("chat.postMessage") if call.body["channel"] == user
    ]


def meet(slack: Slack, locales: dict[str, str]) -> None:
    """Members as users.info describes them, each with their Slack locale."""
    for user, locale in locales.items():
        slack.fake.add_user(user, user.removeprefix("U0").title(), locale=locale)


def looked_up(slack: Slack, user: str) -> int:
    return sum(1 for call in slack.fake.calls_to("users.info") if call.body.get("user") == user)


def test_a_russian_lead_gets_the_invitation_and_the_reminder_in_russian_while_the_requester_reads_english(
    slack: Slack,
) -> None:
    meet(slack, {ANNA: "en-US", OLGA: "ru-RU", PIOTR: "pl-PL"})
    now = datetime.now(UTC)
    recorded(slack, "add Acme", at=now - timedelta(days=5))
    answer = run(slack, f"ask Acme <@{OLGA}|olga> <@{PIOTR}|piotr>")
    assert "Asked" in answer and "Acme" in answer, "the requester reads their own answer in English"
    [invitation] = dm_to(slack, OLGA)
    assert INVITED_RU in invitation and "asks you to score" not in invitation
    [polish] = dm_to(slack, PIOTR)
    assert "prosi Cię o ocenę partnera *Acme*" in polish
    assert "0 reminder(s) queued" in job(slack, "score-reminders", now + timedelta(days=1))
    assert "2 reminder(s) queued" in job(slack, "score-reminders", now + timedelta(days=4))
    reminder = dm_to(slack, OLGA)[-1]
    assert REMINDED_RU in reminder and "A reminder" not in reminder
    assert "Przypomnienie" in dm_to(slack, PIOTR)[-1]


def test_my_language_overrides_the_leads_slack_locale_for_their_invitation(slack: Slack) -> None:
    slack.fake.add_user(OLGA, "Olga", locale="ru-RU")
    run(slack, "settings my-language=pl", user=OLGA)
    run(slack, "add Acme")
    run(slack, f"ask Acme <@{OLGA}|olga>")
    [invitation] = dm_to(slack, OLGA)
    assert "prosi Cię o ocenę partnera *Acme*" in invitation and "просит" not in invitation


def test_when_slack_cannot_say_a_leads_locale_the_reminder_is_in_the_workspaces_language_and_the_job_runs(
    slack: Slack,
) -> None:
    now = datetime.now(UTC)
    run(slack, "settings language=pl")
    recorded(slack, "add Acme", at=now - timedelta(days=5))
    recorded(slack, f"ask Acme <@{OLGA}|olga>", at=now - timedelta(days=4))
    slack.fake.fail("users.info", status=500, times=20)
    report = job(slack, "score-reminders", now)
    assert "1 reminder(s) queued" in report and "0 failed" in report
    invitation, reminder = dm_to(slack, OLGA)
    assert "Przypomnienie" in reminder and "prosi Cię o ocenę" in invitation


def test_a_polish_owner_gets_the_stalled_dm_in_polish_while_the_channel_summary_is_in_the_workspaces_language(
    slack: Slack,
) -> None:
    meet(slack, {PIOTR: "pl-PL", OLGA: "ru-RU", EVA: "ru-RU"})
    now = datetime.now(UTC)
    for name, owner in (("Acme", PIOTR), ("Globex", PIOTR), ("Initech", OLGA), ("Umbrella", EVA)):
        stalled_in_onboarding(slack, name, now=now, owner=owner)
    configure_digest(slack)
    run(slack, "stalled notify both")
    run(slack, "settings my-language=en", user=EVA)
    eva_looked_up = looked_up(slack, EVA)
    report = job(slack, "stalled-alerts", now)
    assert "4 newly stalled: 1 summary, 3 DM(s)" in report
    [channel] = dm_to(slack, DIGEST_CHANNEL)
    assert "4 partners newly stalled" in channel and "utknę" not in channel
    [polish] = dm_to(slack, PIOTR)
    assert "2 Twoi partnerzy właśnie utknęli" in polish and "Acme" in polish and "Initech" not in polish
    [russian] = dm_to(slack, OLGA)
    assert "1 ваш партнёр только что завис" in russian
    [english] = dm_to(slack, EVA)
    assert "1 partner of yours newly stalled" in english
    assert looked_up(slack, EVA) == eva_looked_up, "the job does not ask Slack about a member who chose a language"
    assert looked_up(slack, PIOTR) == 1


def test_the_held_post_notice_is_written_in_the_language_of_whoever_set_up_the_digest(slack: Slack) -> None:
    slack.fake.add_user(OLGA, "Olga", locale="ru-RU")
    shared = "C0SHARED"
    slack.fake.shared_channels.add(shared)
    due = latest_due(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW)
    stalled_in_onboarding(slack, "Acme", now=due)
    run(slack, f"role <@{OLGA}|olga> admin")  # only admins say where the digest goes
    run(slack, f"digest <#{shared}|acme-partners> mon 09:00", user=OLGA)
    job(slack, "weekly-digest", due + timedelta(minutes=3))
    [notice] = dm_to(slack, OLGA)
    assert "Я не стал публиковать сообщение в #acme-partners" in notice
