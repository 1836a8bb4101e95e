"""The outbox of Slack posts, where the stalled-partner summary goes, and which summary announced an episode.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_step",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("outbox_step.id", ondelete="CASCADE"), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("result_ts", sa.String(length=32), nullable=True),
        sa.Column("posted_channel", sa.String(length=32), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("team_id", "key", name="uq_outbox_step_team_key"),
    )
    op.create_index("ix_outbox_step_due", "outbox_step", ["state", "next_attempt_at"])
    with op.batch_alter_table("workspace_settings") as table:
        table.add_column(sa.Column("stall_notify", sa.String(length=10), nullable=False, server_default="channel"))
    with op.batch_alter_table("workspace_settings") as table:
        table.alter_column("stall_notify", server_default=None)
    with op.batch_alter_table("stall_alert") as table:
        table.add_column(sa.Column("summary_step_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stall_alert") as table:
        table.drop_column("summary_step_id")
    with op.batch_alter_table("workspace_settings") as table:
        table.drop_column("stall_notify")
    op.drop_index("ix_outbox_step_due", table_name="outbox_step")
    op.drop_table("outbox_step")
