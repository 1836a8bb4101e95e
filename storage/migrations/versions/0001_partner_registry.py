"""Partner registry and stage history.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("stage_entered_at", UTCDateTime(), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=True),
        sa.Column("size", sa.String(length=40), nullable=True),
        sa.Column("segment", sa.String(length=80), nullable=True),
        sa.Column("owner", sa.String(length=80), nullable=True),
        sa.Column("alliance", sa.String(length=40), nullable=True),
        sa.Column("notes", sa.String(length=1000), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("team_id", "name_key", name="uq_partner_team_name_key"),
    )
    op.create_index("ix_partner_team_stage", "partner", ["team_id", "archived", "stage"])
    op.create_table(
        "stage_move",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=False),
        sa.Column("from_stage", sa.String(length=40), nullable=True),
        sa.Column("to_stage", sa.String(length=40), nullable=False),
        sa.Column("moved_at", UTCDateTime(), nullable=False),
        sa.Column("moved_by", sa.String(length=64), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
    )
    op.create_index("ix_stage_move_team_id", "stage_move", ["team_id"])
    op.create_index("ix_stage_move_partner_moved_at", "stage_move", ["partner_id", "moved_at"])


def downgrade() -> None:
    op.drop_table("stage_move")
    op.drop_table("partner")
