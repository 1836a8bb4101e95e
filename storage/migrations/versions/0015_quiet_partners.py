"""Each partner's newest activity as retention dates it (newest move or feedback, newest KPI or touchpoint
day) kept on its row and filled from the history, with an index that serves the quiet-partner list and count.

Revision ID: 0015_quiet_partners
Revises: 0014
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage import stage_tallies
from storage.dated_activity import backfill
from storage.types import UTCDateTime

revision = "0015_quiet_partners"
down_revision = "0014"
branch_labels = None
depends_on = None

QUIET_INDEX = ["team_id", "archived", "stage_entered_at", "name_key", "last_event_at", "last_event_on"]


def upgrade() -> None:
    op.add_column("partner", sa.Column("last_event_at", UTCDateTime(), nullable=True))
    op.add_column("partner", sa.Column("last_event_on", sa.Date(), nullable=True))
    backfill(op.get_bind())
    op.create_index("ix_partner_team_quiet", "partner", QUIET_INDEX)


def downgrade() -> None:
    op.drop_index("ix_partner_team_quiet", table_name="partner")
    bind = op.get_bind()
    with op.batch_alter_table("partner") as batch:
        batch.drop_column("last_event_on")
        batch.drop_column("last_event_at")
    if bind.dialect.name == "sqlite":  # the table was recreated without its triggers
        stage_tallies.uninstall(bind)
        stage_tallies.install(bind)
