"""The rules of stall alerts (episodes and snoozes) and of the weekly digest's runs (week key, grace)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.digest import GRACE, latest_run
from domain.schedule import WeeklySchedule
from domain.stalls import AlertDue, alert_due, is_snoozed, snooze_expiry, snooze_reason

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
WARSAW = ZoneInfo("Europe/Warsaw")
MONDAY_NINE = WeeklySchedule(0, time(9, 0))


def test_a_stall_episode_is_alerted_once_when_it_has_no_alert_yet() -> None:
    assert alert_due(alerted=False, snoozed_until=None, now=NOW) is AlertDue.FIRST
    assert alert_due(alerted=True, snoozed_until=None, now=NOW) is None


def test_a_snoozed_alert_is_due_again_only_once_the_snooze_has_ended() -> None:
    assert alert_due(alerted=True, snoozed_until=NOW + timedelta(seconds=1), now=NOW) is None
    assert alert_due(alerted=True, snoozed_until=NOW, now=NOW) is AlertDue.SNOOZE_ENDED
    assert is_snoozed(NOW + timedelta(seconds=1), NOW) and not is_snoozed(NOW, NOW) and not is_snoozed(None, NOW)


def test_a_snooze_lasts_seven_days_and_keeps_its_reason_on_one_trimmed_line() -> None:
    assert snooze_expiry(NOW) == NOW + timedelta(days=7)
    assert snooze_reason("  waiting \n for   legal ") == "waiting for legal"
    assert snooze_reason("   ") is None and snooze_reason(None) is None
    assert len(snooze_reason("x" * 1000) or "") == 300


def test_a_digest_run_is_keyed_by_its_iso_week_in_the_workspace_calendar() -> None:
    run = latest_run(MONDAY_NINE, NOW, WARSAW)  # Monday 10:00 in Warsaw
    assert (run.due, run.key, run.missed) == (datetime(2026, 11, 23, 9, 0, tzinfo=WARSAW), "2026-W48", False)
    sunday_night = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # already Monday 00:30 in Warsaw
    assert latest_run(WeeklySchedule(0, time(0, 15)), sunday_night, WARSAW).key == "2026-W48"


def test_a_digest_run_later_than_the_grace_period_is_missed() -> None:
    due = datetime(2026, 11, 23, 9, 0, tzinfo=WARSAW)
    assert not latest_run(MONDAY_NINE, due + GRACE, WARSAW).missed
    assert latest_run(MONDAY_NINE, due + GRACE + timedelta(minutes=1), WARSAW).missed
