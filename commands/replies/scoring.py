"""Replies about scores: the questionnaire, results, explanations, the ranking, asks and their DMs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from commands.replies.paging import PageInfo


@dataclass(frozen=True)
class ScoreSummary:
    score: float
    raters: int
    previous: float | None
    strongest: tuple[tuple[str, float], ...]
    weakest: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class ScoreQuestion:
    key: str
    title: str
    help: str
    answer: int | None = None


@dataclass(frozen=True)
class ScoreForm:
    """One page of the questionnaire; answers from earlier pages travel along in `carried`."""

    partner: str
    scorecard_version: int
    questions: tuple[ScoreQuestion, ...]
    page: int = 0
    pages: int = 1
    carried: tuple[tuple[str, int], ...] = ()
    comment: str | None = None


@dataclass(frozen=True)
class ScoreRecorded:
    partner: str
    rater_score: float
    summary: ScoreSummary


@dataclass(frozen=True)
class ExplanationRow:
    title: str
    weight_share: float
    mean_answer: float
    points: float
    change: tuple[int, int, str] | None
    """(answer before, answer after, rater) of the last change to this criterion."""


@dataclass(frozen=True)
class ScoreExplanation:
    partner: str
    summary: ScoreSummary
    rows: tuple[ExplanationRow, ...]
    per_rater: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class RankRow:
    place: int
    partner: str
    score: float
    raters: int
    movement: int | None
    reason: tuple[str, int, int, str] | None
    """(criterion title, answer before, answer after, rater) for a big move."""


@dataclass(frozen=True)
class Ranking:
    rows: tuple[RankRow, ...]
    unscored: int
    scope: str | None = None
    page: PageInfo | None = None


@dataclass(frozen=True)
class AskSent:
    partner: str
    asked: tuple[str, ...]
    already_waiting: tuple[str, ...]
    not_sent: tuple[tuple[str, str], ...] = ()
    """(lead, why) for each lead whose DM Slack did not take; they were not asked."""
    will_follow: tuple[str, ...] = ()
    """Leads whose DM Slack could not take yet (busy or down): it is sent again, they stay asked."""


@dataclass(frozen=True)
class RequestLine:
    lead: str
    asked_at: datetime
    answered_at: datetime | None
    reminded_at: datetime | None


@dataclass(frozen=True)
class AskStatus:
    partner: str
    requests: tuple[RequestLine, ...]


@dataclass(frozen=True)
class ScoreInvitation:
    """The DM a lead receives, with a button that opens the questionnaire."""

    partner: str
    asked_by: str
    criteria: int
    reminder: bool = False
