"""Stall alerts: one per stall episode, silenced by a snooze until it ends.

A stall episode is one stretch a partner spends stuck in a stage; it starts when the partner
enters the stage, so a move (or a move back) starts a new one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum

SNOOZE_DAYS = 7
MAX_REASON_LENGTH = 300


class AlertDue(Enum):
    FIRST = "first"
    """The episode has had no alert yet."""
    SNOOZE_ENDED = "snooze ended"
    """Someone snoozed the episode's alert and the snooze is over."""


def is_snoozed(snoozed_until: datetime | None, now: datetime) -> bool:
    return snoozed_until is not None and snoozed_until > now


def alert_due(*, alerted: bool, snoozed_until: datetime | None, now: datetime) -> AlertDue | None:
    """Whether a stalled partner gets an alert now: once per episode, again only after a snooze ends."""
    if not alerted:
        return AlertDue.FIRST
    if snoozed_until is not None and snoozed_until <= now:
        return AlertDue.SNOOZE_ENDED
    return None


def snooze_expiry(now: datetime) -> datetime:
    return now + timedelta(days=SNOOZE_DAYS)


def snooze_reason(raw: str | None) -> str | None:
    """The reason as kept: single spaces, at most MAX_REASON_LENGTH characters; None when blank."""
    return " ".join((raw or "").split())[:MAX_REASON_LENGTH] or None
