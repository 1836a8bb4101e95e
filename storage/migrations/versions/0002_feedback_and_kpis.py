"""Partner feedback and KPI values.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("csat", sa.Integer(), nullable=True),
        sa.Column("nps", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(length=2000), nullable=True),
        sa.Column("pain_points", sa.String(length=500), nullable=False),
        sa.Column("other_pain", sa.String(length=200), nullable=True),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_feedback_team_id", "feedback", ["team_id"])
    op.create_index("ix_feedback_partner_recorded_at", "feedback", ["partner_id", "recorded_at"])
    op.create_table(
        "kpi_value",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Numeric(16, 2), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_kpi_value_team_on_date", "kpi_value", ["team_id", "on_date"])
    op.create_index("ix_kpi_value_partner_on_date", "kpi_value", ["partner_id", "on_date"])
    op.create_index("ix_kpi_value_entry", "kpi_value", ["entry_id"])


def downgrade() -> None:
    op.drop_table("kpi_value")
    op.drop_table("feedback")
