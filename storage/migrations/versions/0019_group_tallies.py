"""Per-group tallies for `/partner kpis by GROUP` and `/partner kpis FIELD=VALUE`: partners, feedback sums, KPI
totals and last-activity days per workspace, grouping field and value, and registrations per day (the
dashboard's partners acquired), kept by triggers on `partner`, `feedback`, `kpi_partner_total` and `stage_move`
and filled from them.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.group_tallies import install, uninstall
from storage.group_tally_sql import without_pairs

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def _key() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=80), nullable=False),
    ]


def upgrade() -> None:
    counts = ("partners", "csat_sum", "csat_answers", "promoters", "detractors", "nps_answers")
    op.create_table(
        "group_tally",
        *_key(),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in counts),
        sa.UniqueConstraint("team_id", "field", "value", name="uq_group_tally_key"),
    )
    op.create_table(
        "group_kpi_tally",
        *_key(),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("total", sa.Numeric(18, 2), nullable=False),
        sa.Column("totals", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "field", "value", "metric", name="uq_group_kpi_tally_key"),
    )
    op.create_table(
        "group_activity_day",
        *_key(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("partners", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "field", "value", "day", name="uq_group_activity_day_key"),
    )
    op.create_table(
        "registration_day",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("partners", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "day", name="uq_registration_day_key"),
    )
    with without_pairs():  # the pairs come with 0022, which widens the columns
        install(op.get_bind())


def downgrade() -> None:
    uninstall(op.get_bind())
    for table in ("registration_day", "group_activity_day", "group_kpi_tally", "group_tally"):
        op.drop_table(table)
