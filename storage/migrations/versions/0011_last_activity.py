"""Each partner's last activity (stage move, feedback, KPI entry or touchpoint) kept on its row, filled from
the history; registrations (a partner's first move) indexed on their own for the partners acquired in a period.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.activity import backfill
from storage.types import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("partner") as batch:
        batch.add_column(sa.Column("last_activity_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("last_activity_kind", sa.String(length=20), nullable=True))
    backfill(op.get_bind())
    op.create_index("ix_partner_team_last_activity", "partner", ["team_id", "archived", "last_activity_at"])
    op.create_index(
        "ix_stage_move_team_registered",
        "stage_move",
        ["team_id", "moved_at", "from_stage"],
        sqlite_where=sa.text("from_stage IS NULL"),
        postgresql_where=sa.text("from_stage IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_stage_move_team_registered", table_name="stage_move")
    op.drop_index("ix_partner_team_last_activity", table_name="partner")
    with op.batch_alter_table("partner") as batch:
        batch.drop_column("last_activity_kind")
        batch.drop_column("last_activity_at")
