"""Tables of scoring: scorecard versions, each rater's answers, and requests to leads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class ScorecardVersion(SQLModel, table=True):
    """A workspace's scorecard as loaded; the newest version is the one in use."""

    __tablename__ = "scorecard_version"
    __table_args__ = (UniqueConstraint("team_id", "version", name="uq_scorecard_team_version"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    version: int
    criteria_json: str
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str = Field(max_length=64)


class ScoreSubmission(SQLModel, table=True):
    """One rater's answers (criterion key → 1–5, as JSON) against one scorecard version."""

    __tablename__ = "score_submission"
    __table_args__ = (
        Index("ix_score_submission_team_partner", "team_id", "partner_id", "submitted_at"),
        Index("ix_score_submission_team_submitted", "team_id", "submitted_at"),
        Index(
            "ix_score_submission_team_submitted_scores", "team_id", "submitted_at", "partner_id", "rater", "rater_score"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    rater: str = Field(max_length=64)
    scorecard_version: int
    answers_json: str
    rater_score: float | None = Field(default=None)
    """This rater's 0–100 score on the current scorecard, kept so rankings are an SQL aggregate."""
    comment: str | None = Field(default=None, max_length=1000)
    submitted_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ScoreRequest(SQLModel, table=True):
    """A lead asked by DM to answer the questionnaire for a partner."""

    __tablename__ = "score_request"
    __table_args__ = (Index("ix_score_request_team_partner", "team_id", "partner_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    lead: str = Field(max_length=64)
    asked_by: str = Field(max_length=64)
    asked_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    reminded_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class ScoreSpan(SQLModel, table=True):
    """One stretch of time over which a partner's score stays the same, kept so the ranking at any moment is an
    index range (storage/score_spans.py rebuilds a partner's spans with each answer and a workspace's with each
    scorecard load).

    A score changes only when an answer arrives or, with no write at all, when a rater's newest answer leaves the
    90-day window, so a partner's spans are known ahead up to its next answer. `rank_key` is minus the score
    rounded to 6 places (the ranking's order, ascending with `name_key`); the partner's name, archive flag, stage,
    owner and type are copied by a trigger on `partner` so the ranking's filters are read from the index.
    """

    __tablename__ = "score_span"
    __table_args__ = (
        Index("ix_score_span_partner", "partner_id", "valid_from"),
        Index(
            "ix_score_span_team_rank",
            "team_id", "archived", "rank_key", "name_key", "valid_from", "valid_until", "owner", "type",
            "partner_id",
        ),
        Index(
            "ix_score_span_team_stage_rank",
            "team_id", "archived", "stage", "rank_key", "name_key", "valid_from", "valid_until", "owner", "type",
            "partner_id",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    valid_from: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    valid_until: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    """Every span with a score ends: at the latest when its newest answer leaves the window."""
    score: float
    rank_key: float
    raters: int
    name_key: str = Field(max_length=200)
    archived: bool = Field(default=False)
    stage: str = Field(max_length=40)
    owner: str | None = Field(default=None, max_length=80)
    type: str | None = Field(default=None, max_length=40)


class ScoreSpanHorizon(SQLModel, table=True):
    """Before this moment a workspace's score spans were pruned: rankings asked about earlier are computed from
    the answers (storage/score_spans.py)."""

    __tablename__ = "score_span_horizon"

    team_id: str = Field(primary_key=True, max_length=32)
    pruned_before: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
