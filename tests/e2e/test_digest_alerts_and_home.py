"""The weekly digest, stall alerts, the journey map and App Home end to end: what the app posts in channels,
the charts it uploads into threads, the alert's buttons and modals, and the scheduled jobs run once."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.jobs import run_job
from bot.services import Services
from bot.settings import Settings
from bot.slack_client import build_workspace_clients
from bot.workspace_clients import WorkspaceClients
from commands.context import Invocation
from commands.replies import Notice
from commands.verbs import handle
from domain.schedule import WeeklySchedule, latest_due, next_run
from storage.delivery_tables import OutboxStep
from storage.tables import Partner, StallAlert
from storage.unit_of_work import UnitOfWork
from tests.e2e.conftest import SIGNING_SECRET, Slack
from tests.e2e.fake_slack import Call
from tests.e2e.messages import overflow_choice, view_submission, visible_text

WARSAW = ZoneInfo("Europe/Warsaw")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
POSTED_TS = "1700000000.000100"  # the ts the fake gives every chat.postMessage
DIGEST_CHANNEL = "C0DIGEST"
ANNA = "U01ANNA"
MENU = ("advance", "snooze", "open")


# --- arranging -----------------------------------------------------------------------------------


def run(slack: Slack, text: str, *, channel: str = "C1") -> dict[str, Any]:
    """The reply to one `/partner` line, each line answered at its own response URL."""
    response = f"r{len(slack.fake.calls)}"
    slack.command(text, channel=channel, response=response)
    return slack.reply(response)


def recorded(slack: Slack, line: str, *, at: datetime, user: str = ANNA) -> None:
    """A `/partner` line run straight against the database as of `at`, for history older than today."""
    invocation = Invocation("T1", user, at, WARSAW, lambda: UnitOfWork(slack.engine))
    body = handle(line, invocation).body
    assert not (isinstance(body, Notice) and body.tone == "error"), f"/partner {line} → {body}"


def stalled_in_onboarding(slack: Slack, name: str, *, now: datetime, owner: str = ANNA, days: int = 40) -> None:
    """Moved `days` local days before `now`: the same Warsaw wall time, so a DST change between cannot make it 39."""
    local = now.astimezone(WARSAW)
    recorded(slack, f"add {name} owner=<@{owner}|someone>", at=local - timedelta(days=days + 5))
    recorded(slack, f"advance {name} onboarding", at=local - timedelta(days=days))


def job_runner(slack: Slack, now: datetime) -> tuple[Services, WorkspaceClients]:
    """The services and Web API clients `partnerbot run-job` builds, on the app's database, with a fixed clock."""
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_BASE_URL=slack.fake.api_url,
        DATABASE_URL=str(slack.engine.url),
        PARTNERBOT_TIMEZONE="Europe/Warsaw",
        _env_file=None,
    )
    clients = build_workspace_clients(settings, slack.engine)
    return Services(settings=settings, engine=slack.engine, clock=lambda: now), clients


def configure_digest(slack: Slack) -> dict[str, Any]:
    return run(slack, f"digest <#{DIGEST_CHANNEL}|partners> mon 09:00")


# --- reading what the app sent ----------------------------------------------------------------------


def uploads_in_thread(slack: Slack, channel: str, count: int) -> list[tuple[str, bytes]]:
    """(filename, bytes) of each chart uploaded with files_upload_v2 (one upload per chart), once each upload is
    completed in the thread of the message posted in `channel`."""
    completes = slack.fake.wait_for("/api/files.completeUploadExternal", count)
    for complete in completes:
        assert (complete.body["channel_id"], complete.body["thread_ts"]) == (channel, POSTED_TS)
    completed = [file["id"] for complete in completes for file in json.loads(complete.body["files"])]
    tickets = slack.fake.wait_for("/api/files.getUploadURLExternal", count)
    assert len(tickets) == count and completed == [f"F{n}" for n in range(1, count + 1)]
    uploaded = {call.path: call.raw for call in slack.fake.uploaded()}
    files = [(ticket.body["filename"], uploaded[f"/upload/{n}"]) for n, ticket in enumerate(tickets, 1)]
    for (filename, data), ticket in zip(files, tickets, strict=True):
        assert data.startswith(PNG_MAGIC) and len(data) == int(ticket.body["length"]), filename
    return files


def actions_of(message: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (element["action_id"], element["value"])
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def choose(slack: Slack, summary: Call, value: str) -> dict[str, Any]:
    """Picks `value` in a line's menu of the posted summary, as Slack reports it from somewhere else (the
    request's channel and ts must not matter), and returns the modal the app opens."""
    payload = overflow_choice(summary.body, value, user=ANNA, trigger_id=f"trigger-{value}")
    opened = slack.fake.paths().count("/api/views.open")
    assert slack.interaction(payload).status == 200
    view = slack.fake.wait_for("/api/views.open", opened + 1)[opened].body
    assert view["trigger_id"] == f"trigger-{value}"
    return view["view"]


def post_summary(slack: Slack) -> Call:
    """Acme, Anna's, stalled in Onboarding; the stalled-alerts job posts the daily summary in the digest channel."""
    now = datetime.now(UTC)
    stalled_in_onboarding(slack, "Acme", now=now)
    configure_digest(slack)
    assert "1 newly stalled: 1 summary" in run_job("stalled-alerts", *job_runner(slack, now))
    [summary] = slack.fake.wait_for("/api/chat.postMessage")
    return summary


# --- the digest ------------------------------------------------------------------------------------


def test_digest_settings_are_saved_and_shown_with_the_next_run_in_the_workspace_zone(slack: Slack) -> None:
    upcoming = next_run(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW)
    when = f"{upcoming.day} {upcoming:%b %Y} 09:00"
    set_reply = configure_digest(slack)
    assert set_reply["response_type"] == "in_channel"
    assert f"Weekly digest set: <#{DIGEST_CHANNEL}>, Monday 09:00 (next on {when})" in visible_text(set_reply)
    shown = visible_text(run(slack, "digest"))
    assert f"Weekly digest: <#{DIGEST_CHANNEL}>, Monday 09:00 (next on {when})." in shown
    assert "Monday 09:00 (paused)" in visible_text(run(slack, "digest off"))


def test_digest_now_posts_in_the_commands_channel_and_uploads_three_charts_into_its_thread(slack: Slack) -> None:
    stalled_in_onboarding(slack, "Acme", now=datetime.now(UTC))
    slack.command("digest now", channel="C0ASKED", response="now")
    [posted] = slack.fake.wait_for("/api/chat.postMessage")
    assert posted.body["channel"] == "C0ASKED"
    text = visible_text(posted.body)
    assert "Partner digest · " in text and "Onboarding 1" in text and "1 stalled partner(s)" in text
    files = uploads_in_thread(slack, "C0ASKED", 3)
    assert [filename for filename, _ in files] == ["ranking.png", "funnel.png", "kpi-trend.png"]
    assert "/response/now" not in slack.fake.paths()  # the digest itself is the answer


def test_digest_now_where_the_bot_is_not_a_member_tells_the_user_to_invite_it(slack: Slack) -> None:
    slack.fake.refuse("chat.postMessage", "not_in_channel")
    reply = run(slack, "digest now", channel="C0PRIVATE")
    assert reply["response_type"] == "ephemeral" and "`/invite @partnerbot`" in reply["text"]
    assert "/api/files.getUploadURLExternal" not in slack.fake.paths()


def test_weekly_digest_job_posts_once_with_its_charts_and_a_second_run_posts_nothing(slack: Slack) -> None:
    due = latest_due(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW)
    stalled_in_onboarding(slack, "Acme", now=due)
    configure_digest(slack)
    services, client = job_runner(slack, due + timedelta(minutes=3))
    assert f"queued for {DIGEST_CHANNEL}\noutbox: 4 sent" in run_job("weekly-digest", services, client)
    [posted] = slack.fake.wait_for("/api/chat.postMessage")
    assert posted.body["channel"] == DIGEST_CHANNEL and "Partner digest" in visible_text(posted.body)
    assert len(uploads_in_thread(slack, DIGEST_CHANNEL, 3)) == 3
    assert "already handled" in run_job("weekly-digest", services, client)
    assert slack.fake.paths().count("/api/chat.postMessage") == 1


# --- stall alerts ----------------------------------------------------------------------------------


def test_stalled_alerts_job_posts_one_summary_line_grouped_by_owner_with_a_menu(slack: Slack) -> None:
    summary = post_summary(slack)
    assert summary.body["channel"] == DIGEST_CHANNEL
    text = visible_text(summary.body)
    assert "1 partner newly stalled" in text and f"Owner: <@{ANNA}>" in text
    assert "*Acme* — Onboarding, 10 days over the threshold" in text
    with Session(slack.engine) as session:
        [stored] = session.exec(select(StallAlert)).all()
        [step] = session.exec(select(OutboxStep)).all()
    assert stored.summary_step_id == step.id and (step.state, step.result_ts) == ("sent", POSTED_TS)
    [menu] = [block["accessory"] for block in summary.body["blocks"] if "accessory" in block]
    assert [option["value"] for option in menu["options"]] == [f"{verb}:{stored.id}" for verb in MENU]
    assert "no newly stalled partners" in run_job("stalled-alerts", *job_runner(slack, datetime.now(UTC)))
    assert slack.fake.paths().count("/api/chat.postMessage") == 1


def test_snoozing_from_the_summary_updates_its_line_in_the_stored_message(slack: Slack) -> None:
    summary = post_summary(slack)
    alert_id = summary_alert_id(slack)
    view = choose(slack, summary, f"snooze:{alert_id}")
    assert view["callback_id"] == "stall_snooze_form" and "Acme" in visible_text(view)
    state = {"reason": {"type": "plain_text_input", "value": "waiting for legal"}}
    answer = slack.interaction(view_submission(view, state))
    assert (answer.status, answer.body) == (200, "")
    [update] = slack.fake.wait_for("/api/chat.update")
    assert (update.body["channel"], update.body["ts"]) == (DIGEST_CHANNEL, POSTED_TS)
    until = (datetime.now(UTC) + timedelta(days=7)).astimezone(WARSAW)
    assert f"snoozed until {until.day} {until:%b %Y} by <@{ANNA}>" in visible_text(update.body)
    assert "*Acme*" in visible_text(update.body)
    assert [block for block in update.body["blocks"] if "accessory" in block] == []
    with Session(slack.engine) as session:
        [stored] = session.exec(select(StallAlert)).all()
    assert (stored.snoozed_by, stored.snooze_reason) == (ANNA, "waiting for legal")


def test_advancing_from_the_summary_moves_the_partner_and_updates_its_line(slack: Slack) -> None:
    summary = post_summary(slack)
    view = choose(slack, summary, f"advance:{summary_alert_id(slack)}")
    assert view["callback_id"] == "stall_advance_form"
    state = {
        "stage": {"type": "static_select", "selected_option": {"value": "support"}},
        "note": {"type": "plain_text_input", "value": "training done"},
    }
    answer = slack.interaction(view_submission(view, state))
    assert (answer.status, answer.body) == (200, "")
    [update] = slack.fake.wait_for("/api/chat.update")
    assert (update.body["channel"], update.body["ts"]) == (DIGEST_CHANNEL, POSTED_TS)
    assert f"moved to Support by <@{ANNA}>" in visible_text(update.body)
    with Session(slack.engine) as session:
        [partner] = session.exec(select(Partner)).all()
    assert partner.stage == "support"


def summary_alert_id(slack: Slack) -> int:
    with Session(slack.engine) as session:
        [stored] = session.exec(select(StallAlert)).all()
    assert stored.id is not None
    return stored.id


# --- the journey map and App Home ------------------------------------------------------------------


def test_map_posts_the_journey_table_and_one_chart_in_its_thread(slack: Slack) -> None:
    stalled_in_onboarding(slack, "Acme", now=datetime.now(UTC))
    slack.command("map", channel="C0MAP", response="map")
    [posted] = slack.fake.wait_for("/api/chat.postMessage")
    text = visible_text(posted.body)
    assert posted.body["channel"] == "C0MAP" and "Journey map" in text
    table = {line.split()[0]: line.split()[1:4] for line in text.split("```")[1].strip().splitlines()}
    assert table["Stage"] == ["Partners", "Median", "d"] and table["Onboarding"] == ["1", "40", "40"]
    assert [filename for filename, _ in uploads_in_thread(slack, "C0MAP", 1)] == ["journey-map.png"]


def test_app_home_shows_the_users_stalled_partners_and_the_questionnaires_waiting_for_them(slack: Slack) -> None:
    now = datetime.now(UTC)
    stalled_in_onboarding(slack, "Acme", now=now)
    stalled_in_onboarding(slack, "Initech", now=now, owner="U02BOB")
    recorded(slack, "add Globex", at=now - timedelta(days=2))
    recorded(slack, f"ask Globex <@{ANNA}|anna>", at=now - timedelta(days=1), user="U02BOB")
    assert slack.event({"type": "app_home_opened", "user": ANNA, "channel": "D1", "tab": "home"}).status == 200
    [published] = slack.fake.wait_for("/api/views.publish")
    assert published.body["user_id"] == ANNA
    text = visible_text(published.body["view"])
    assert "*Your stalled partners*\n• *Acme* — 40 days in Onboarding" in text and "Initech" not in text
    assert "*Questionnaires waiting for you*" in text and "Score *Globex*" in text


def test_setting_a_digest_channel_the_bot_is_not_in_says_how_to_invite_it(slack: Slack) -> None:
    not_member = {"ok": True, "channel": {"id": "C0PRIV", "is_member": False}}
    slack.fake.answer_when("conversations.info", {"channel": "C0PRIV"}, 200, not_member)
    slack.command("digest <#C0PRIV|deals> fri 16:30", response="set")
    confirmation, hint = slack.reply("set"), slack.reply("set", count=2)
    assert "Weekly digest set" in visible_text(confirmation) and "Friday 16:30" in visible_text(confirmation)
    assert "/invite @partnerbot" in hint["text"] and hint["response_type"] == "ephemeral"
