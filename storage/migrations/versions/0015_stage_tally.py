"""Partners per stage (active and archived) kept in `stage_tally` by triggers on `partner`, filled from the
partners, so the journey overview and the list's totals read a few rows instead of counting every partner.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.stage_tallies import install, uninstall

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stage_tally",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("partners", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "stage", "archived", name="uq_stage_tally_team_stage_archived"),
    )
    install(op.get_bind())


def downgrade() -> None:
    uninstall(op.get_bind())
    op.drop_table("stage_tally")
