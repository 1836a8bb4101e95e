"""When a Slack post that failed is tried again, or given up: the outbox's retry rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_ATTEMPTS = 8
FIRST_BACKOFF = timedelta(seconds=30)
LONGEST_BACKOFF = timedelta(hours=1)
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "not_in_channel",
        "not_authed",
        "missing_scope",
        "user_not_found",
        "cannot_dm_bot",
        "message_not_found",
        "cant_update_message",
        "invalid_blocks",
        "msg_too_long",
        "not_installed",
    }
)


@dataclass(frozen=True)
class Failure:
    """How a send failed: Slack's error code (or HTTP status when it had none) and its Retry-After, if any."""

    error: str
    retry_after_seconds: float | None = None
    status: int | None = None


@dataclass(frozen=True)
class Verdict:
    give_up: bool
    next_attempt_at: datetime | None = None


def is_permanent(failure: Failure) -> bool:
    return failure.error in PERMANENT_ERRORS


def after_failure(failure: Failure, *, attempts: int, now: datetime) -> Verdict:
    """Gives up on a permanent error or after MAX_ATTEMPTS; otherwise waits what Slack asked (429 Retry-After)
    or an exponential backoff (30 s, 1 min, 2 min, … capped at an hour)."""
    if is_permanent(failure) or attempts >= MAX_ATTEMPTS:
        return Verdict(give_up=True)
    if failure.retry_after_seconds is not None:
        return Verdict(give_up=False, next_attempt_at=now + timedelta(seconds=max(1.0, failure.retry_after_seconds)))
    backoff = min(FIRST_BACKOFF * (2 ** max(0, attempts - 1)), LONGEST_BACKOFF)
    return Verdict(give_up=False, next_attempt_at=now + backoff)
