"""Uninstall over HTTP: `app_uninstalled` / `tokens_revoked` stop the workspace's jobs (no Slack call for it),
other workspaces go on, and a request from it after a reinstall starts them again."""

from __future__ import annotations

import time as clock
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.jobs import run_job
from commands.context import Invocation
from commands.installs import is_installed
from commands.verbs import handle
from domain.schedule import WeeklySchedule, latest_due
from storage.unit_of_work import UnitOfWork
from tests.e2e.conftest import Slack
from tests.e2e.test_digest_alerts_and_home import job_runner

WARSAW = ZoneInfo("Europe/Warsaw")
CHANNELS = {"T1": "C0DIGEST", "T2": "C0OTHER"}
LEADS = {"T1": "U0T1LEAD", "T2": "U0T2LEAD"}


def workspace_with_work(slack: Slack, team: str, due: datetime) -> None:
    """A stalled partner, a lead asked five days ago, and a digest channel: every job has something to post."""
    for line, at in (
        ("add Acme owner=<@U01ANNA|anna>", due - timedelta(days=45)),
        ("advance Acme onboarding", due - timedelta(days=40)),
        (f"ask Acme <@{LEADS[team]}|lead>", due - timedelta(days=5)),
        (f"digest <#{CHANNELS[team]}|partners> mon 09:00", due - timedelta(days=1)),
    ):
        handle(line, Invocation(team, "U01ANNA", at, WARSAW, lambda: UnitOfWork(slack.engine)))


def run_every_job(slack: Slack, now: datetime) -> list[str]:
    """The channels and DMs the jobs posted to."""
    before = len(slack.fake.calls)
    services, client = job_runner(slack, now)
    for job in ("weekly-digest", "stalled-alerts", "score-reminders"):
        run_job(job, services, client)
    return [call.body.get("channel") or call.body.get("channel_id") for call in slack.fake.calls[before:]]


def uninstall_event(slack: Slack, event: dict[str, object]) -> None:
    assert slack.event(event).status == 200


def wait_until_installed(slack: Slack, team: str) -> None:
    deadline = clock.monotonic() + 5
    while not is_installed(lambda: UnitOfWork(slack.engine), team):
        assert clock.monotonic() < deadline, f"{team} was not marked installed again"
        clock.sleep(0.05)


def test_app_uninstalled_stops_that_workspaces_jobs_only_until_it_comes_back(slack: Slack) -> None:
    due = latest_due(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW)
    for team in CHANNELS:
        workspace_with_work(slack, team, due)
    uninstall_event(slack, {"type": "app_uninstalled", "event_ts": "1700000000.000001"})
    assert not is_installed(lambda: UnitOfWork(slack.engine), "T1")

    posted = run_every_job(slack, due + timedelta(minutes=3))
    assert CHANNELS["T1"] not in posted and LEADS["T1"] not in posted  # no Slack call for the uninstalled one
    assert posted.count(CHANNELS["T2"]) >= 2 and LEADS["T2"] in posted  # digest (+ charts), alert, reminder

    slack.command("stages", response="back")  # reinstalled: any signed request from the workspace
    slack.reply("back")
    wait_until_installed(slack, "T1")
    posted = run_every_job(slack, due + timedelta(minutes=8))
    assert CHANNELS["T1"] in posted and LEADS["T1"] in posted


def test_bot_token_revoked_stops_the_jobs_and_users_tokens_revoked_do_not(slack: Slack) -> None:
    due = latest_due(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW)
    workspace_with_work(slack, "T1", due)
    uninstall_event(slack, {"type": "tokens_revoked", "tokens": {"oauth": ["U01ANNA"], "bot": []}})
    assert is_installed(lambda: UnitOfWork(slack.engine), "T1")
    uninstall_event(slack, {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}})
    assert not is_installed(lambda: UnitOfWork(slack.engine), "T1")
    assert run_every_job(slack, due + timedelta(minutes=3)) == []

