"""Scorecards, questionnaire answers and requests to leads.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _partner_id() -> sa.Column:
    return sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "scorecard_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("criteria_json", sa.String(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("team_id", "version", name="uq_scorecard_team_version"),
    )
    op.create_table(
        "score_submission",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        _partner_id(),
        sa.Column("rater", sa.String(length=64), nullable=False),
        sa.Column("scorecard_version", sa.Integer(), nullable=False),
        sa.Column("answers_json", sa.String(), nullable=False),
        sa.Column("comment", sa.String(length=1000), nullable=True),
        sa.Column("submitted_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_score_submission_team_partner", "score_submission", ["team_id", "partner_id", "submitted_at"])
    op.create_index("ix_score_submission_team_submitted", "score_submission", ["team_id", "submitted_at"])
    op.create_table(
        "score_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        _partner_id(),
        sa.Column("lead", sa.String(length=64), nullable=False),
        sa.Column("asked_by", sa.String(length=64), nullable=False),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.Column("reminded_at", UTCDateTime(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_score_request_team_partner", "score_request", ["team_id", "partner_id"])


def downgrade() -> None:
    op.drop_table("score_request")
    op.drop_table("score_submission")
    op.drop_table("scorecard_version")
