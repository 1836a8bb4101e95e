"""Retention from kept figures: the quarters each partner was active in and, per team and quarter, the partners
active in it and in the quarter before too (kept by triggers on the history and on `partner`); per team and day,
the partners whose newest activity is on it (kept by triggers on `partner`); filled from the history, counted in
the calendar of the deployment's time zone (PARTNERBOT_TIMEZONE), so `/partner retention` reads a few rows.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.local_calendar import deployment_zone
from storage.retention import install, uninstall
from storage.types import UTCDateTime

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quarter_start",
        sa.Column("quarter", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("quarter"),
    )
    op.create_index("ix_quarter_start_starts_at", "quarter_start", ["starts_at", "quarter"], unique=True)
    op.create_index("ix_quarter_start_starts_on", "quarter_start", ["starts_on", "quarter"], unique=True)
    op.create_table(
        "day_start",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    op.create_index("ix_day_start_starts_at", "day_start", ["starts_at", "day"], unique=True)
    op.create_table(
        "partner_quarter",
        sa.Column("partner_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("quarter", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("activities", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"]),
        sa.PrimaryKeyConstraint("partner_id", "quarter"),
    )
    op.create_table(
        "quarter_tally",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("quarter", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("retained", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "quarter"),
    )
    op.create_table(
        "newest_day_tally",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("partners", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "day"),
    )
    install(op.get_bind(), deployment_zone())


def downgrade() -> None:
    uninstall(op.get_bind())
    op.drop_table("newest_day_tally")
    op.drop_table("quarter_tally")
    op.drop_table("partner_quarter")
    op.drop_index("ix_quarter_start_starts_on", table_name="quarter_start")
    op.drop_index("ix_quarter_start_starts_at", table_name="quarter_start")
    op.drop_table("quarter_start")
    op.drop_index("ix_day_start_starts_at", table_name="day_start")
    op.drop_table("day_start")
