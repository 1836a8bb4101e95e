"""Active partners per stage and UTC day of entry (`stage_day`), kept by triggers on `partner` and filled from the
partners: the stalled counts and the stages' middle entries read a row per day instead of walking the stage's
index.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.stage_days import install, uninstall

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stage_day",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("partners", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "stage", "day", name="uq_stage_day_key"),
    )
    install(op.get_bind())


def downgrade() -> None:
    uninstall(op.get_bind())
    op.drop_table("stage_day")
