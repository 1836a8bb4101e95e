"""The command inbox: each `/partner` command recorded before its ack, until its answer is delivered.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "command_inbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("response_url", sa.Text(), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("claimed_by", sa.String(length=200), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_command_inbox_state", "command_inbox", ["state", "lease_until"])
    op.create_index("ix_command_inbox_team", "command_inbox", ["team_id"])


def downgrade() -> None:
    op.drop_index("ix_command_inbox_team", table_name="command_inbox")
    op.drop_index("ix_command_inbox_state", table_name="command_inbox")
    op.drop_table("command_inbox")
