"""Each partner's score over time kept in `score_span` (filled from the answers; partner fields copied by a
trigger; each workspace's pruning horizon in `score_span_horizon`), so `/partner rank` and the digest's ranking
read an index range instead of ranking every answer.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.score_spans import install, uninstall
from storage.types import UTCDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_score_span_partner": ["partner_id", "valid_from"],
    "ix_score_span_team_rank": [
        "team_id", "archived", "rank_key", "name_key", "valid_from", "valid_until", "owner", "type",
        "partner_id",
    ],
    "ix_score_span_team_stage_rank": [
        "team_id", "archived", "stage", "rank_key", "name_key", "valid_from", "valid_until", "owner", "type",
        "partner_id",
    ],
}


def upgrade() -> None:
    op.create_table(
        "score_span",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=False),
        sa.Column("valid_from", UTCDateTime(), nullable=False),
        sa.Column("valid_until", UTCDateTime(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("rank_key", sa.Float(), nullable=False),
        sa.Column("raters", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("owner", sa.String(length=80), nullable=True),
        sa.Column("type", sa.String(length=40), nullable=True),
    )
    for name, columns in INDEXES.items():
        op.create_index(name, "score_span", columns)
    op.create_table(
        "score_span_horizon",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("pruned_before", UTCDateTime(), nullable=False),
    )
    bind = op.get_bind()
    install(bind)
    _statistics(bind)


def _statistics(bind: sa.Connection) -> None:
    """Planner statistics for the filled table (on SQLite only where the database keeps them): without them
    PostgreSQL takes it for empty and picks the stage index for the whole ranking's count."""
    kept = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    if bind.dialect.name == "postgresql" or bind.execute(sa.text(kept)).first() is not None:
        bind.execute(sa.text("ANALYZE score_span"))


def downgrade() -> None:
    uninstall(op.get_bind())
    for name in INDEXES:
        op.drop_index(name, table_name="score_span")
    op.drop_table("score_span")
    op.drop_table("score_span_horizon")
