"""Named workspace and member settings (`/partner settings KEY=VALUE`).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspace_option",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("key", sa.String(length=40), primary_key=True),
        sa.Column("value", sa.String(length=2000), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
    )
    op.create_table(
        "member_option",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("user_id", sa.String(length=32), primary_key=True),
        sa.Column("key", sa.String(length=40), primary_key=True),
        sa.Column("value", sa.String(length=2000), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("member_option")
    op.drop_table("workspace_option")
