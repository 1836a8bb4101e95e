"""The journey map's feedback tally kept per facet (each CSAT, NPS and pain point of a stage) instead of per
whole answer, filled from the answers; indexes that serve lists filtered by owner and type (their count and
page read on the index instead of every row of the owner's stage to check its type).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage import feedback_tallies

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

WHOLE_ANSWERS = (
    "INSERT INTO feedback_tally (team_id, stage, csat, nps, pain_points, answers)"
    " SELECT f.team_id, f.stage, COALESCE(f.csat, 0), COALESCE(f.nps, -1), f.pain_points, COUNT(*)"
    " FROM feedback f JOIN partner p ON p.id = f.partner_id WHERE p.archived = false"
    " GROUP BY f.team_id, f.stage, COALESCE(f.csat, 0), COALESCE(f.nps, -1), f.pain_points"
)


LIST_INDEXES = {
    "ix_partner_team_owner_type_stage_entered": ["team_id", "owner", "type", "archived", "stage", "stage_entered_at"],
    "ix_partner_team_type_stage_entered": ["team_id", "type", "archived", "stage", "stage_entered_at"],
}


def _teams(bind: sa.Connection) -> list[str]:
    return list(bind.execute(sa.text("SELECT DISTINCT team_id FROM feedback")).scalars())


def upgrade() -> None:
    op.drop_table("feedback_tally")
    op.create_table(
        "feedback_tally",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("facet", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "stage", "facet", "value", name="uq_feedback_tally_facet"),
    )
    bind = op.get_bind()
    for team_id in _teams(bind):
        feedback_tallies.rebuild(bind, team_id)
    for name, columns in LIST_INDEXES.items():
        op.create_index(name, "partner", columns)
    _refresh_sqlite_statistics(bind)


def _refresh_sqlite_statistics(bind: sa.Connection) -> None:
    """A SQLite database that keeps planner statistics gets them for the new indexes too (see 0017)."""
    if bind.dialect.name != "sqlite":
        return
    if bind.execute(sa.text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first() is not None:
        bind.execute(sa.text("ANALYZE partner"))


def downgrade() -> None:
    for name in LIST_INDEXES:
        op.drop_index(name, table_name="partner")
    op.drop_table("feedback_tally")
    op.create_table(
        "feedback_tally",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("csat", sa.Integer(), nullable=False),
        sa.Column("nps", sa.Integer(), nullable=False),
        sa.Column("pain_points", sa.String(length=500), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "stage", "csat", "nps", "pain_points", name="uq_feedback_tally_key"),
    )
    op.execute(WHOLE_ANSWERS)
