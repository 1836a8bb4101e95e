"""Replies about stalled partners: the list, the reasons, the alert."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from commands.replies.base import Choice
from commands.replies.paging import PageInfo


@dataclass(frozen=True)
class StalledPartner:
    alert_id: int | None
    partner: str
    stage: str
    stage_key: str
    days: int
    threshold: int
    owner: str | None
    last_activity: str
    snoozed_until: date | None = None
    snoozed_by: str | None = None
    snooze_reason: str | None = None


@dataclass(frozen=True)
class StalledList:
    partners: tuple[StalledPartner, ...]
    thresholds: tuple[tuple[str, int | None], ...]
    page: PageInfo | None = None
    total: int | None = None
    """All stalled partners the filters match (None: `partners` is all of them)."""


@dataclass(frozen=True)
class StallReasons:
    reasons: tuple[tuple[str, int], ...]
    by_stage: tuple[tuple[str, int], ...]
    snoozes: int


@dataclass(frozen=True)
class AlertMessage:
    """A posted stall alert as its buttons report it, carried through the alert's forms so the message can be
    rewritten once someone acts: which alert, where the message is, and its text as posted (Slack markup)."""

    alert_id: int
    channel: str | None = None
    ts: str | None = None
    posted_text: str = ""


@dataclass(frozen=True)
class StallAdvanceForm:
    """The alert's "Advance…" form: a stage to move the partner to, and an optional note."""

    partner: str
    stages: tuple[Choice, ...]
    alert: AlertMessage


@dataclass(frozen=True)
class StallSnoozeForm:
    """The alert's "Snooze" form: why the partner is waiting (optional)."""

    partner: str
    alert: AlertMessage


@dataclass(frozen=True)
class StallAlertActedOn:
    """The alert as posted, its buttons replaced by what was done: a move, or a snooze until a day."""

    posted_text: str
    by: str
    moved_to: str | None = None
    snoozed_until: date | None = None
    snooze_reason: str | None = None


@dataclass(frozen=True)
class SummaryLine:
    """One newly stalled partner in the daily summary; once someone acts on it, what they did."""

    alert_id: int
    partner: str
    stage: str
    stage_key: str
    owner: str | None
    days_over: int
    last_activity: str
    moved_to: str | None = None
    snoozed_until: date | None = None
    by: str | None = None


@dataclass(frozen=True)
class StallSummary:
    """The daily summary of newly stalled partners (in the channel, or one owner's in a DM).

    `lines` are those shown (grouped by owner, capped for Block Kit); `more` were left out and are in
    `/partner stalled`; `stalled` counts every stalled partner, new or not.
    """

    new: int
    stalled: int
    lines: tuple[SummaryLine, ...]
    more: int = 0
    owner: str | None = None
