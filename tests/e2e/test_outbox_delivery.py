"""Delivery a team can trust, with the real App against a fake Slack that fails the way Slack does: every post
is an outbox step sent once; a failed chart never re-posts its message; a rate limit or a 500 is retried and
nothing is doubled; a permanent refusal is reported without touching other workspaces; a failed reminder is
sent on the next run. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.jobs import JOBS, run_job
from bot.outbox import drain
from domain.schedule import WeeklySchedule, latest_due
from storage.delivery_tables import OutboxStep
from storage.tables import Partner, WorkspaceSettings
from tests.conftest import sqlite_url
from tests.e2e.conftest import Slack, app_settings, serving
from tests.e2e.fake_slack import Call, FakeSlack
from tests.e2e.messages import button_click, view_submission, visible_text
from tests.e2e.test_digest_alerts_and_home import (
    ANNA,
    DIGEST_CHANNEL,
    POSTED_TS,
    WARSAW,
    choose,
    configure_digest,
    job_runner,
    recorded,
    run,
    stalled_in_onboarding,
)

OWNERS = ("U0OWNERA", "U0OWNERB", "U0OWNERC")
RETRY = timedelta(seconds=31)  # the first backoff after a 5xx is 30 s


@pytest.fixture(params=["sqlite", "postgres"])
def slack(request: pytest.FixtureRequest, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[Slack]:
    engine: Engine = request.getfixturevalue(f"{request.param}_engine")
    with serving(fake_slack, engine, app_settings(fake_slack, sqlite_url(tmp_path))) as running:
        yield running


def job(slack: Slack, name: str, now: datetime) -> str:
    return run_job(name, *job_runner(slack, now))


def calls(slack: Slack, method: str) -> list[dict[str, object]]:
    return [call.body for call in slack.fake.calls if call.path == f"/api/{method}"]


def due_digest_time() -> datetime:
    return latest_due(WeeklySchedule(0, time(9, 0)), datetime.now(UTC), WARSAW) + timedelta(minutes=3)


def completed_in_thread(slack: Slack, channel: str) -> list[str]:
    """Titles of the charts whose upload Slack completed (answered ok) in the thread of the posted message."""
    return [
        file["title"]
        for body in calls(slack, "files.completeUploadExternal")
        if body["channel_id"] == channel and body["thread_ts"] == POSTED_TS
        for file in json.loads(str(body["files"]))
    ]


# --- the digest and its charts -----------------------------------------------------------------------


def test_a_digest_whose_chart_uploads_fail_twice_is_posted_once_and_its_charts_follow_in_its_thread(
    slack: Slack,
) -> None:
    now = due_digest_time()
    stalled_in_onboarding(slack, "Acme", now=now)
    configure_digest(slack)
    slack.fake.fail("files.completeUploadExternal", 500, times=2)
    report = job(slack, "weekly-digest", now)
    assert "queued for C0DIGEST" in report and "outbox: 2 sent, 2 to retry, 0 failed" in report
    assert len(calls(slack, "chat.postMessage")) == 1
    assert "outbox: 2 sent, 0 to retry" in job(slack, "outbox", now + RETRY)
    assert "already handled" in job(slack, "weekly-digest", now + timedelta(minutes=5))
    assert [body["channel"] for body in calls(slack, "chat.postMessage")] == [DIGEST_CHANNEL]
    assert len(calls(slack, "files.completeUploadExternal")) == 5  # two 500s, then each chart once
    assert sorted(completed_in_thread(slack, DIGEST_CHANNEL)[2:]) == [
        "Journey funnel",
        "Partner KPIs, last 12 weeks",
        "Partner ranking",
    ]
    assert "outbox: 0 sent, 0 to retry, 0 failed" in job(slack, "outbox", now + timedelta(hours=1))


def test_charts_refused_with_not_in_channel_fail_reported_and_the_digest_is_not_posted_again(slack: Slack) -> None:
    now = due_digest_time()
    configure_digest(slack)
    slack.fake.refuse("files.completeUploadExternal", "not_in_channel", times=3)
    report = job(slack, "weekly-digest", now)
    assert "outbox: 1 sent, 0 to retry, 3 failed" in report and "failed: not_in_channel" in report
    assert "outbox: 0 sent, 0 to retry, 0 failed" in job(slack, "outbox", now + timedelta(hours=1))
    assert len(calls(slack, "chat.postMessage")) == 1 and len(calls(slack, "files.completeUploadExternal")) == 3
    with Session(slack.engine) as session:
        states = sorted((step.kind, step.state, step.last_error) for step in session.exec(select(OutboxStep)))
    assert states == [("chart", "failed", "not_in_channel")] * 3 + [("message", "sent", None)]


def test_digest_now_says_what_was_posted_when_its_charts_could_not_be_uploaded_yet(slack: Slack) -> None:
    slack.fake.fail("files.getUploadURLExternal", 500, times=3)
    reply = run(slack, "digest now", channel="C0ASKED")
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == (
        "Posted the digest in <#C0ASKED>; the charts could not be uploaded yet and will follow in its thread."
    )
    assert [body["channel"] for body in calls(slack, "chat.postMessage")] == ["C0ASKED"]
    assert "outbox: 3 sent" in job(slack, "outbox", datetime.now(UTC) + timedelta(minutes=1))
    assert len(completed_in_thread(slack, "C0ASKED")) == 3 and len(calls(slack, "chat.postMessage")) == 1


def test_map_says_its_chart_was_refused_after_the_map_itself_was_posted(slack: Slack) -> None:
    slack.fake.refuse("files.completeUploadExternal", "not_in_channel")
    reply = run(slack, "map", channel="C0MAP")
    assert reply["text"] == "Posted the journey map in <#C0MAP>; the charts could not be uploaded (not_in_channel)."
    assert "nothing was changed" not in reply["text"] and len(calls(slack, "chat.postMessage")) == 1


# --- the daily stalled summary -----------------------------------------------------------------------


def add_stalled(engine: Engine, team_id: str, count: int, now: datetime) -> None:
    """`count` partners 40 days in Onboarding (stalls after 30), owned in turn by OWNERS, as an import leaves them."""
    with Session(engine) as session:
        for n in range(count):
            name = f"Partner {n:03}"
            since = now - timedelta(days=40, hours=n)
            session.add(
                Partner(
                    team_id=team_id,
                    name=name,
                    name_key=name.casefold(),
                    stage="onboarding",
                    stage_entered_at=since,
                    owner=OWNERS[n % len(OWNERS)],
                    created_at=since,
                    created_by="import",
                )
            )
        session.commit()


def test_150_stalled_partners_give_one_summary_and_one_dm_per_owner_despite_a_429_and_a_500(slack: Slack) -> None:
    now = datetime.now(UTC)
    add_stalled(slack.engine, "T1", 150, now)
    configure_digest(slack)
    notify = visible_text(run(slack, "stalled notify both"))
    assert "now goes in the digest channel and to each owner by DM (was in the digest channel)" in notify
    slack.fake.fail("chat.postMessage", 429, retry_after=1)
    slack.fake.fail("chat.postMessage", 500)
    report = job(slack, "stalled-alerts", now)
    assert "150 newly stalled: 1 summary, 3 DM(s)" in report and "outbox: 2 sent, 2 to retry" in report
    assert "outbox: 1 sent, 0 to retry" in job(slack, "outbox", now + timedelta(seconds=2))  # after Retry-After
    assert "outbox: 1 sent, 0 to retry" in job(slack, "outbox", now + RETRY)  # after the 500's backoff
    posted = calls(slack, "chat.postMessage")[2:]  # the first two were answered 429 and 500
    assert sorted(str(body["channel"]) for body in posted) == sorted([DIGEST_CHANNEL, *OWNERS])
    [summary] = [body for body in posted if body["channel"] == DIGEST_CHANNEL]
    blocks = summary["blocks"]
    assert isinstance(blocks, list) and len(blocks) <= 50
    text = visible_text(summary)  # type: ignore[arg-type]
    assert "150 partners newly stalled" in text and "…and 130 more." in text
    assert sum(1 for block in blocks if "accessory" in block) == 20
    for owner in OWNERS:
        [dm] = [body for body in posted if body["channel"] == owner]
        mine = visible_text(dm)  # type: ignore[arg-type]
        assert "50 partners of yours newly stalled" in mine
    assert "no newly stalled partners" in job(slack, "stalled-alerts", now + timedelta(days=1))
    assert len(calls(slack, "chat.postMessage")) == 6


def test_and_n_more_opens_the_full_stalled_list(slack: Slack) -> None:
    now = datetime.now(UTC)
    add_stalled(slack.engine, "T1", 30, now)
    configure_digest(slack)
    job(slack, "stalled-alerts", now)
    [summary] = calls(slack, "chat.postMessage")
    payload = button_click(summary, "stall_summary_more", user=ANNA, trigger_id="trigger-more")  # type: ignore[arg-type]
    payload["response_url"] = slack.fake.response_url("more")
    assert slack.interaction(payload).status == 200
    listing = slack.reply("more")
    assert listing["response_type"] == "ephemeral" and "30 stalled partner(s)" in visible_text(listing)


def test_not_in_channel_fails_one_workspaces_summary_and_reports_it_while_others_get_theirs(slack: Slack) -> None:
    now = datetime.now(UTC)
    add_stalled(slack.engine, "T1", 3, now)
    add_stalled(slack.engine, "T2", 2, now)
    configure_digest(slack)
    with Session(slack.engine) as session:
        session.add(WorkspaceSettings(team_id="T2", digest_channel="C0OTHER", updated_at=now, updated_by="U1"))
        session.commit()
    refused = {"ok": False, "error": "not_in_channel"}
    slack.fake.answer_when("chat.postMessage", {"channel": DIGEST_CHANNEL}, 200, refused)
    report = job(slack, "stalled-alerts", now)
    assert "T1: 3 newly stalled" in report and "T2: 2 newly stalled" in report
    assert "outbox: 1 sent, 0 to retry, 1 failed" in report and "failed: not_in_channel" in report
    assert "outbox: 0 sent, 0 to retry, 0 failed" in job(slack, "outbox", now + timedelta(hours=1))
    assert [body["channel"] for body in calls(slack, "chat.postMessage")] == [DIGEST_CHANNEL, "C0OTHER"]


# --- score reminders -----------------------------------------------------------------------------------


def test_a_reminder_slack_answered_500_is_sent_on_the_next_run_and_nobody_gets_two(slack: Slack) -> None:
    now = datetime.now(UTC)
    recorded(slack, "add Acme", at=now - timedelta(days=5))
    recorded(slack, "ask Acme <@U0LEADA|a> <@U0LEADB|b>", at=now - timedelta(days=4))
    assert "outbox: 2 sent" in job(slack, "outbox", now - timedelta(days=4))  # the invitations, as `ask` sends them
    slack.fake.fail("chat.postMessage", 500)
    assert "2 reminder(s) queued\noutbox: 1 sent, 1 to retry" in job(slack, "score-reminders", now)
    assert "0 reminder(s) queued\noutbox: 1 sent, 0 to retry" in job(slack, "score-reminders", now + timedelta(hours=1))
    assert "0 reminder(s) queued\noutbox: 0 sent" in job(slack, "score-reminders", now + timedelta(hours=2))
    first, *delivered = calls(slack, "chat.postMessage")[2:]  # after the two invitations
    assert sorted(str(body["channel"]) for body in delivered) == ["U0LEADA", "U0LEADB"]
    assert delivered[-1]["channel"] == first["channel"]  # the one that failed, sent once on the next run
    assert all("Acme" in visible_text(body) for body in delivered)  # type: ignore[arg-type]


def test_with_notify_dm_and_no_digest_channel_each_owner_gets_their_own_summary(slack: Slack) -> None:
    now = datetime.now(UTC)
    add_stalled(slack.engine, "T1", 4, now)
    assert "to each owner by DM" in visible_text(run(slack, "stalled notify dm"))
    report = job(slack, "stalled-alerts", now)
    assert "4 newly stalled: no channel summary, 3 DM(s)" in report and "outbox: 3 sent" in report
    assert sorted(str(body["channel"]) for body in calls(slack, "chat.postMessage")) == sorted(OWNERS)


# --- the sender's own rules ----------------------------------------------------------------------------


def test_a_step_left_sending_by_a_dead_process_is_reported_failed_and_never_sent_again(slack: Slack) -> None:
    """The crash window: Slack may have taken the post before the process died, so it is not sent twice."""
    now = datetime.now(UTC)
    with Session(slack.engine) as session:
        payload = '{"blocks": [], "text": "hi"}'
        step = OutboxStep(team_id="T1", key="k1", kind="message", channel="C0X", payload=payload, created_at=now)
        step.state, step.attempts, step.next_attempt_at = "sending", 1, now
        session.add(step)
        session.commit()
    assert "outbox: 0 sent, 0 to retry, 0 failed" in job(slack, "outbox", now + timedelta(minutes=5))
    report = job(slack, "outbox", now + timedelta(minutes=11))
    assert "1 failed" in report and "interrupted while sending: it may or may not have been posted" in report
    assert calls(slack, "chat.postMessage") == []


def test_a_sender_told_to_stop_claims_nothing_more_and_the_next_one_sends_it(slack: Slack) -> None:
    now = datetime.now(UTC)
    add_stalled(slack.engine, "T1", 2, now)
    configure_digest(slack)
    services, client = job_runner(slack, now)
    assert "1 summary" in JOBS["stalled-alerts"](services, client, now)
    stopped = threading.Event()
    stopped.set()
    assert drain(services.unit_of_work, client, clock=services.clock, stopping=stopped).sent == []
    assert calls(slack, "chat.postMessage") == []
    assert len(drain(services.unit_of_work, client, clock=services.clock).sent) == 1


def test_snoozing_from_an_owners_dm_summary_updates_that_dm(slack: Slack) -> None:
    now = datetime.now(UTC)
    add_stalled(slack.engine, "T1", 1, now)
    run(slack, "stalled notify dm")
    job(slack, "stalled-alerts", now)
    [dm] = calls(slack, "chat.postMessage")
    blocks = dm["blocks"]
    assert isinstance(blocks, list)
    [snooze] = [block["accessory"]["options"][1]["value"] for block in blocks if "accessory" in block]
    view = choose(slack, Call("/api/chat.postMessage", {}, dm), snooze)
    no_reason = {"reason": {"type": "plain_text_input", "value": None}}
    assert slack.interaction(view_submission(view, no_reason)).status == 200
    [update] = slack.fake.wait_for("/api/chat.update")
    assert (update.body["channel"], update.body["ts"]) == ("D0OWNERA", POSTED_TS)
    assert "snoozed until" in visible_text(update.body) and f"by <@{ANNA}>" in visible_text(update.body)


def test_with_notify_both_acting_on_a_line_updates_the_channel_summary_and_the_owners_dm(slack: Slack) -> None:
    now = datetime.now(UTC)
    add_stalled(slack.engine, "T1", 2, now)
    configure_digest(slack)
    run(slack, "stalled notify both")
    assert "1 summary, 2 DM(s)" in job(slack, "stalled-alerts", now)
    posted = calls(slack, "chat.postMessage")
    [dm] = [body for body in posted if body["channel"] == OWNERS[0]]
    blocks = dm["blocks"]
    assert isinstance(blocks, list)
    options = [option["value"] for block in blocks if "accessory" in block for option in block["accessory"]["options"]]
    [advance] = [value for value in options if value.startswith("advance:")]
    view = choose(slack, Call("/api/chat.postMessage", {}, dm), advance)
    state = {
        "stage": {"type": "static_select", "selected_option": {"value": "support"}},
        "note": {"type": "plain_text_input", "value": None},
    }
    assert slack.interaction(view_submission(view, state)).status == 200
    updates = slack.fake.wait_for("/api/chat.update", 2)
    assert sorted((str(u.body["channel"]), str(u.body["ts"])) for u in updates) == sorted(
        [(DIGEST_CHANNEL, POSTED_TS), ("D0OWNERA", POSTED_TS)]
    )
    for update in updates:
        assert f"moved to Support by <@{ANNA}>" in visible_text(update.body)
    [channel_update] = [u for u in updates if u.body["channel"] == DIGEST_CHANNEL]
    assert "Partner 001" in visible_text(channel_update.body)  # the other owner's line, untouched
    [dm_update] = [u for u in updates if u.body["channel"] == "D0OWNERA"]
    assert "Partner 001" not in visible_text(dm_update.body)  # Owner A's own summary only


def test_digest_now_that_slack_answers_500_says_it_will_follow_and_the_sender_posts_it_once(slack: Slack) -> None:
    slack.fake.fail("chat.postMessage", 500)
    reply = run(slack, "digest now", channel="C0ASKED")
    assert reply["text"] == "Slack did not take the digest yet; it will be posted in <#C0ASKED> shortly."
    assert "/api/files.getUploadURLExternal" not in slack.fake.paths()
    assert "outbox: 4 sent" in job(slack, "outbox", datetime.now(UTC) + timedelta(minutes=1))
    assert len(calls(slack, "chat.postMessage")) == 2 and len(completed_in_thread(slack, "C0ASKED")) == 3
    assert "outbox: 0 sent" in job(slack, "outbox", datetime.now(UTC) + timedelta(hours=1))


def test_two_senders_at_once_send_each_step_once(slack: Slack) -> None:
    """Replicas, or the scheduled sender next to a command's: each claims a step before sending it."""
    now = datetime.now(UTC)
    with Session(slack.engine) as session:
        for n in range(30):
            payload = json.dumps({"blocks": [], "text": f"post {n}"})
            step = OutboxStep(team_id="T1", key=f"k{n}", kind="message", channel=f"C{n:03}", payload=payload)
            step.next_attempt_at, step.created_at = now, now
            session.add(step)
        session.commit()
    services, client = job_runner(slack, now)
    barrier = threading.Barrier(2)

    def sender() -> list[int]:
        barrier.wait()
        return drain(services.unit_of_work, client, clock=services.clock).sent

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda _: sender(), range(2))
    assert sorted(first + second) == sorted(set(first + second)) and len(first + second) == 30
    assert sorted(str(body["channel"]) for body in calls(slack, "chat.postMessage")) == [f"C{n:03}" for n in range(30)]


def test_charts_sent_later_are_drawn_in_the_language_their_digest_was_written_in(slack: Slack) -> None:
    now = due_digest_time()
    configure_digest(slack)
    run(slack, "settings language=ru")
    slack.fake.fail("files.completeUploadExternal", 500, times=3)
    job(slack, "weekly-digest", now)
    assert "outbox: 3 sent, 0 to retry" in job(slack, "outbox", now + RETRY)  # the sender's own language: English
    digest = visible_text(calls(slack, "chat.postMessage")[0])
    assert "Сводка по партнёрам" in digest
    files = [
        file for body in calls(slack, "files.completeUploadExternal")[3:] for file in json.loads(str(body["files"]))
    ]
    assert sorted(file["title"] for file in files) == [
        "KPI партнёров за последние 12 недель",
        "Воронка пути партнёра",
        "Рейтинг партнёров",
    ]
    alt_texts = [str(body.get("alt_txt", "")) for body in calls(slack, "files.getUploadURLExternal")[3:]]
    assert len(alt_texts) == 3 and all(text.startswith(("KPI партнёров", "Воронка", "Рейтинг")) for text in alt_texts)
