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
