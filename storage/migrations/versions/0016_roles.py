"""Roles granted per member (`/partner role @user ROLE`).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_role",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("user_id", sa.String(length=32), primary_key=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("granted_by", sa.String(length=64), nullable=False),
        sa.Column("granted_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_member_role_team_role", "member_role", ["team_id", "role", "user_id"])


def downgrade() -> None:
    op.drop_index("ix_member_role_team_role", table_name="member_role")
    op.drop_table("member_role")
