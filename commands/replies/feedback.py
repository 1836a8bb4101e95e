"""Replies about feedback: what was recorded, the summary on a card, the feedback form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from commands.replies.base import Choice


@dataclass(frozen=True)
class FeedbackSummary:
    responses: int
    latest_when: datetime
    latest_stage: str
    latest_by: str
    latest_text: str | None
    latest_csat: int | None
    latest_nps: int | None
    average_csat: Decimal | None
    nps_class: str | None
    top_pain_points: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class FeedbackRecorded:
    partner: str
    stage: str
    csat: int | None
    nps: int | None
    text: str | None
    pain_points: tuple[str, ...]
    summary: FeedbackSummary


@dataclass(frozen=True)
class FeedbackForm:
    """The feedback modal for one partner."""

    partner: str
    pain_points: tuple[Choice, ...]
