"""Many workspaces from one deployment, end to end: two workspaces install the app with "Add to Slack" (the OAuth
flow against the fake Slack, `oauth.v2.access` answered there), each sees only its own partners, and every
request, job, post, DM and upload goes out with its own workspace's bot token; an uninstall keeps the data and
stops the jobs until a reinstall, and a purge deletes the data with the installation."""

from __future__ import annotations

import html
import io
import re
import signal
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from bot.inbox_recording import THIS_PROCESS
from bot.inbox_recovery import recover_commands
from bot.jobs import run_job
from bot.purge import run_purge
from bot.services import Services
from bot.settings import Settings
from bot.slack_client import build_workspace_clients
from commands.context import Invocation
from commands.installs import is_installed
from commands.verbs import handle
from domain.schedule import WeeklySchedule, latest_due
from storage import installs
from storage.delivery_tables import CommandInbox
from storage.oauth_tables import slack_bots, slack_installations
from storage.unit_of_work import UnitOfWork
from tests.conftest import sqlite_url
from tests.e2e.conftest import SIGNING_SECRET, Slack, serving
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.messages import visible_text
from tests.e2e.test_serve_process import start_serve

WARSAW = ZoneInfo("Europe/Warsaw")
OAUTH = {
    "SLACK_CLIENT_ID": "1111.2222",
    "SLACK_CLIENT_SECRET": "client-secret",
    "SLACK_STATE_SECRET": "state-secret-for-tests",
}
TOKENS = {"T1": "xoxb-T1-first", "T2": "xoxb-T2-first"}
CHANNELS = {"T1": "C0T1DIGEST", "T2": "C0T2DIGEST"}
LEADS = {"T1": "U0T1LEAD", "T2": "U0T2LEAD"}
AUTHORIZE = re.compile(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"')


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: str


def browse(url: str, *, cookie: str | None = None, language: str = "en-US,en;q=0.9") -> Page:
    """What a browser gets for `url` (bolt answers with pages, not redirects)."""
    headers = {"Accept-Language": language} | ({"Cookie": cookie} if cookie else {})
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Page(response.status, dict(response.headers.items()), response.read().decode())
    except urllib.error.HTTPError as error:
        return Page(error.code, dict(error.headers.items()), error.read().decode())


def oauth_settings(fake: FakeSlack, database_url: str) -> Settings:
    """OAuth mode: no SLACK_BOT_TOKEN at all, so every token the fake sees came from an installation."""
    return Settings(
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_BASE_URL=fake.api_url,
        DATABASE_URL=database_url,
        PARTNERBOT_TIMEZONE="Europe/Warsaw",
        _env_file=None,
        **OAUTH,  # type: ignore[arg-type]
    )


def start_install(app_url: str) -> tuple[str, str]:
    """The "Add to Slack" page: the state in its link to Slack, and the cookie that ties it to this browser."""
    page = browse(app_url + "/slack/install")
    assert page.status == 200 and 'alt="Add to Slack"' in page.body
    found = AUTHORIZE.search(page.body)
    assert found, page.body
    query = parse_qs(urlparse(html.unescape(found.group(1))).query)
    assert query["client_id"] == [OAUTH["SLACK_CLIENT_ID"]]
    assert {"commands", "chat:write", "users:read"} <= set(query["scope"][0].split(","))
    return query["state"][0], page.headers["Set-Cookie"].split(";")[0]


def install(
    fake: FakeSlack, app_url: str, team: str, token: str, *, code: str, finish_at: str | None = None
) -> Page:
    """Someone in `team` clicks "Add to Slack", approves on Slack (the fake gives `code` for `token`), and Slack
    sends the browser back to the redirect URL, on `finish_at` (another replica) when given."""
    state, cookie = start_install(app_url)
    fake.approve(code, team, token=token, installer=f"U0{team}BOSS")
    query = urlencode({"code": code, "state": state})
    return browse(f"{finish_at or app_url}/slack/oauth_redirect?{query}", cookie=cookie)


@pytest.fixture
def installing(fake_slack: FakeSlack, engine: Engine, tmp_path: Path) -> Iterator[Slack]:
    """The App in OAuth mode, on SQLite and (when configured) PostgreSQL."""
    with serving(fake_slack, engine, oauth_settings(fake_slack, sqlite_url(tmp_path))) as running:
        yield running


def installed_both(slack: Slack) -> None:
    for team, token in TOKENS.items():
        page = install(slack.fake, slack.app_url, team, token, code=f"code-{team}")
        assert page.status == 200, page.body


def command(slack: Slack, team: str, text: str) -> str:
    response = f"r{len(slack.fake.calls)}"
    assert slack.command(text, team=team, response=response).status == 200
    reply = slack.reply(response)
    return visible_text(reply) or str(reply.get("text", ""))


def with_work(slack: Slack, team: str, due: datetime) -> None:
    """A stalled partner, a lead asked five days ago and a digest channel: every job has something to post."""
    for line, at in (
        (f"add Acme-{team} owner=<@U01ANNA|anna>", due - timedelta(days=45)),
        (f"advance Acme-{team} onboarding", due - timedelta(days=40)),
        (f"ask Acme-{team} <@{LEADS[team]}|lead>", due - timedelta(days=5)),
        (f"digest <#{CHANNELS[team]}|partners> mon 09:00", due - timedelta(days=1)),
    ):
        handle(line, Invocation(team, "U01ANNA", at, WARSAW, lambda: UnitOfWork(slack.engine)))


def run_every_job(slack: Slack, now: datetime) -> dict[str, set[str | None]]:
    """The jobs as `partnerbot run-job` runs them in OAuth mode; the tokens used, by channel or DM posted to."""
    before = len(slack.fake.calls)
    settings = oauth_settings(slack.fake, str(slack.engine.url))
    services = Services(settings=settings, engine=slack.engine, clock=lambda: now)
    clients = build_workspace_clients(settings, slack.engine)
    for job in ("weekly-digest", "stalled-alerts", "score-reminders"):
        run_job(job, services, clients)
    used: dict[str, set[str | None]] = {}
    for call in slack.fake.calls[before:]:
        if call.method in ("chat.postMessage", "files.completeUploadExternal"):
            used.setdefault(str(call.body.get("channel") or call.body.get("channel_id")), set()).add(call.token)
    return used


def rows(engine: Engine, table: object, team: str) -> int:
    with engine.connect() as connection:
        query = select(func.count()).select_from(table).where(table.c.team_id == team)  # type: ignore[attr-defined]
        return int(connection.execute(query).scalar_one())


def test_the_install_page_links_to_slack_and_the_redirect_stores_the_installation(installing: Slack) -> None:
    page = install(installing.fake, installing.app_url, "T1", TOKENS["T1"], code="code-T1")
    assert page.status == 200
    [exchange] = installing.fake.calls_to("oauth.v2.access")
    assert exchange.body["code"] == "code-T1"
    assert installing.fake.calls_to("auth.test")[-1].token == TOKENS["T1"]
    assert rows(installing.engine, slack_installations, "T1") == 1 and rows(installing.engine, slack_bots, "T1") == 1
    with UnitOfWork(installing.engine) as uow:
        assert installs.installer_of(session=uow.session, team_id="T1") == "U0T1BOSS"
        assert installs.installer_of(session=uow.session, team_id="T2") is None


def test_a_redirect_without_the_browsers_cookie_or_with_a_forged_state_installs_nothing(installing: Slack) -> None:
    state, cookie = start_install(installing.app_url)
    installing.fake.approve("code-T1", "T1", token=TOKENS["T1"])
    without_cookie = browse(f"{installing.app_url}/slack/oauth_redirect?code=code-T1&state={state}")
    issued = state.rpartition(".")[0]
    forged = f"{issued}.{'0' * 64}"
    with_forged = browse(
        f"{installing.app_url}/slack/oauth_redirect?code=code-T1&state={forged}",
        cookie=f"slack-app-oauth-state={forged}",
    )
    assert (without_cookie.status, with_forged.status) == (400, 401)
    assert installing.fake.calls_to("oauth.v2.access") == []
    assert rows(installing.engine, slack_installations, "T1") == 0
    assert browse(f"{installing.app_url}/slack/oauth_redirect?code=code-T1&state={state}", cookie=cookie).status == 200


def test_the_pages_speak_the_browsers_language_and_a_cancelled_install_says_so(installing: Slack) -> None:
    polish = "pl-PL,pl;q=0.9,en;q=0.8"
    page = browse(installing.app_url + "/slack/install", language=polish)
    assert "Instalacja partnerbota" in page.body and 'alt="Dodaj do Slacka"' in page.body
    cancelled = browse(installing.app_url + "/slack/oauth_redirect?error=access_denied", language="ru-RU,ru")
    assert cancelled.status == 200 and "Установка не завершилась" in cancelled.body
    assert "access_denied" in cancelled.body
    assert installing.fake.calls_to("oauth.v2.access") == []


def test_two_workspaces_each_see_only_their_own_partners_with_their_own_token(installing: Slack) -> None:
    installed_both(installing)
    assert "Added Acme" in command(installing, "T1", "add Acme")
    assert "Added Globex" in command(installing, "T2", "add Globex")
    listed = {team: command(installing, team, "list") for team in TOKENS}
    assert "Acme" in listed["T1"] and "Globex" not in listed["T1"]
    assert "Globex" in listed["T2"] and "Acme" not in listed["T2"]
    assert "No partner named 'Acme'" in command(installing, "T2", "show Acme")

    for team in TOKENS:  # the registration form opens with the token of the workspace it was asked in
        before = len(installing.fake.calls_to("views.open"))
        installing.command("add", team=team, response=f"form-{team}")
        opened = installing.fake.wait_for("/api/views.open", before + 1)[-1]
        assert opened.token == TOKENS[team]
    authorized = [call.token for call in installing.fake.calls_to("auth.test")]
    assert sorted(authorized) == sorted([*TOKENS.values()] * 2)  # at install, then once per token, not per request


def test_commands_a_dead_process_left_are_finished_with_their_own_workspaces_token(installing: Slack) -> None:
    installed_both(installing)
    now = datetime.now(UTC)
    with Session(installing.engine) as session:
        for team in TOKENS:
            handle(f"add Acme-{team}", Invocation(team, "U01ANNA", now, WARSAW, lambda: UnitOfWork(installing.engine)))
            session.add(
                CommandInbox(
                    team_id=team, user_id="U01ANNA", channel_id="C1", text=f"ask Acme-{team} <@{LEADS[team]}|lead>",
                    response_url=installing.fake.response_url(f"left-{team}"), received_at=now, state="pending",
                    claimed_by=f"{THIS_PROCESS.host}:{THIS_PROCESS.pid}:gone", lease_until=now,
                )
            )  # fmt: skip
        session.commit()
    settings = oauth_settings(installing.fake, str(installing.engine.url))
    services = Services(settings=settings, engine=installing.engine, clock=lambda: now)
    assert recover_commands(services, build_workspace_clients(settings, installing.engine)) == "inbox: 2 run"
    for team, token in TOKENS.items():
        installing.fake.wait_for(f"/response/left-{team}")
        looked_up = [call for call in installing.fake.calls_to("users.info") if call.body["user"] == LEADS[team]]
        asked = [call for call in installing.fake.calls_to("chat.postMessage") if call.body["channel"] == LEADS[team]]
        assert {call.token for call in looked_up + asked} == {token}, team


def test_jobs_post_and_dm_each_workspace_with_its_own_token(installing: Slack) -> None:
    installed_both(installing)
    due = latest_due(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW)
    for team in TOKENS:
        with_work(installing, team, due)
    used = run_every_job(installing, due + timedelta(minutes=3))
    for team, token in TOKENS.items():
        assert used[CHANNELS[team]] == {token}  # digest, its charts and the stalled summary
        assert used[LEADS[team]] == {token}  # the questionnaire reminder
    uploads = installing.fake.calls_to("files.getUploadURLExternal")
    assert uploads and {call.token for call in uploads} == set(TOKENS.values())


def test_a_workspace_with_data_but_no_installation_gets_no_post_and_its_dms_fail_as_not_installed(
    installing: Slack,
) -> None:
    """E.g. data from single-token days, or imported, before anyone there clicked "Add to Slack"."""
    installed_both(installing)
    due = latest_due(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW)
    with_work(installing, "T1", due)
    orphan = Invocation("T9", "U01ANNA", due - timedelta(days=5), WARSAW, lambda: UnitOfWork(installing.engine))
    for line in ("add Orphan", "ask Orphan <@U0T9LEAD|lead>", "digest <#C0T9|partners> mon 09:00"):
        handle(line, orphan)
    settings = oauth_settings(installing.fake, str(installing.engine.url))
    services = Services(settings=settings, engine=installing.engine, clock=lambda: due + timedelta(minutes=3))
    clients = build_workspace_clients(settings, installing.engine)
    assert "T9: not installed" in run_job("weekly-digest", services, clients)
    reminders = run_job("score-reminders", services, clients)
    assert "2 reminder(s) queued" in reminders and "1 failed" in reminders and "failed: not_installed" in reminders
    posted = {call.body.get("channel") for call in installing.fake.calls_to("chat.postMessage")}
    assert "C0T9" not in posted and "U0T9LEAD" not in posted and CHANNELS["T1"] in posted


def test_uninstall_keeps_the_data_and_stops_the_jobs_until_the_workspace_installs_again(installing: Slack) -> None:
    installed_both(installing)
    due = latest_due(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW)
    for team in TOKENS:
        with_work(installing, team, due)
    assert installing.event({"type": "app_uninstalled"}, team="T1").status == 200
    assert not is_installed(lambda: UnitOfWork(installing.engine), "T1")

    used = run_every_job(installing, due + timedelta(minutes=3))
    assert CHANNELS["T1"] not in used and LEADS["T1"] not in used
    assert used[CHANNELS["T2"]] == {TOKENS["T2"]}
    assert rows(installing.engine, slack_installations, "T1") == 1  # kept, like the partners, until a purge

    again = install(installing.fake, installing.app_url, "T1", "xoxb-T1-second", code="code-T1-again")
    assert again.status == 200
    assert is_installed(lambda: UnitOfWork(installing.engine), "T1")
    used = run_every_job(installing, due + timedelta(minutes=8))
    assert used[CHANNELS["T1"]] == {"xoxb-T1-second"} and used[LEADS["T1"]] == {"xoxb-T1-second"}
    assert "Acme-T1" in command(installing, "T1", "list")  # the data picked up again


def test_purge_deletes_the_workspaces_data_and_installation_and_leaves_the_other(installing: Slack) -> None:
    installed_both(installing)
    command(installing, "T1", "add Acme")
    command(installing, "T2", "add Globex")
    assert installing.event({"type": "app_uninstalled"}, team="T1").status == 200
    settings = oauth_settings(installing.fake, str(installing.engine.url))
    out = io.StringIO()
    services = Services(settings=settings, engine=installing.engine)
    assert run_purge(services, "T1", yes=True, stdin=io.StringIO(), stdout=out) == 0
    assert "slack_installations 1" in out.getvalue() and "slack_bots 1" in out.getvalue()
    assert rows(installing.engine, slack_installations, "T1") == 0 and rows(installing.engine, slack_bots, "T1") == 0
    assert rows(installing.engine, slack_installations, "T2") == 1

    assert "no longer available" in command(installing, "T1", "list")  # no token left to act with
    assert "Globex" in command(installing, "T2", "list")
    install(installing.fake, installing.app_url, "T1", "xoxb-T1-fresh", code="code-T1-fresh")
    assert "Acme" not in command(installing, "T1", "list")  # a fresh start


def test_two_serve_processes_on_postgresql_finish_an_install_started_on_the_other(
    postgres_engine: Engine, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """Replicas behind a load balancer: the "Add to Slack" page comes from one, Slack's redirect lands on the other,
    and the new workspace's commands are served by either, with its token."""
    replicas = [start_serve(tmp_path, fake_slack, postgres_engine, SLACK_BOT_TOKEN="", **OAUTH) for _ in range(2)]
    try:
        first, second = (replica.slack for replica in replicas)
        page = install(fake_slack, first.app_url, "T2", TOKENS["T2"], code="code-T2", finish_at=second.app_url)
        assert page.status == 200, page.body
        assert rows(postgres_engine, slack_installations, "T2") == 1

        assert "Added Acme" in command(first, "T2", "add Acme")
        assert "Acme" in command(second, "T2", "list")
        first.command("add", team="T2", response="form")
        assert fake_slack.wait_for("/api/views.open")[-1].token == TOKENS["T2"]
        assert {call.token for call in fake_slack.calls_to("auth.test")} == {TOKENS["T2"]}
    finally:
        for replica in replicas:
            replica.process.send_signal(signal.SIGTERM)
        for replica in replicas:
            assert replica.process.wait(30) == 0, replica.log_text()
