"""Workspace settings, stall thresholds, job idempotency keys and stall alerts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspace_settings",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("digest_channel", sa.String(length=32), nullable=True),
        sa.Column("digest_channel_name", sa.String(length=80), nullable=True),
        sa.Column("digest_weekday", sa.Integer(), nullable=False),
        sa.Column("digest_time", sa.String(length=5), nullable=False),
        sa.Column("digest_paused", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
    )
    op.create_table(
        "stage_threshold",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.UniqueConstraint("team_id", "stage", name="uq_stage_threshold_team_stage"),
    )
    op.create_table(
        "job_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("job", sa.String(length=40), nullable=False),
        sa.Column("period_key", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("detail", sa.String(length=500), nullable=True),
        sa.UniqueConstraint("team_id", "job", "period_key", name="uq_job_run_team_job_period"),
    )
    op.create_table(
        "stall_alert",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("episode_started_at", UTCDateTime(), nullable=False),
        sa.Column("alerted_at", UTCDateTime(), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("snoozed_until", UTCDateTime(), nullable=True),
        sa.Column("snoozed_by", sa.String(length=64), nullable=True),
        sa.Column("snooze_reason", sa.String(length=300), nullable=True),
        sa.UniqueConstraint("partner_id", "episode_started_at", name="uq_stall_alert_episode"),
    )
    op.create_index("ix_stall_alert_team", "stall_alert", ["team_id"])


def downgrade() -> None:
    op.drop_table("stall_alert")
    op.drop_table("job_run")
    op.drop_table("stage_threshold")
    op.drop_table("workspace_settings")
