"""Indexes for paged lists, stalled partners and suggestions; each answer's rater score kept for ranking.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from domain.scorecard import DEFAULT_SCORECARD, load_scorecard
from domain.scoring import rater_score

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TRIGRAM_SCHEMA = (
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
)


def _backfill_rater_scores() -> None:
    """Scores every stored answer against its workspace's current scorecard (as the app does on submit)."""
    connection = op.get_bind()
    versions = connection.execute(
        sa.text("SELECT team_id, criteria_json, version FROM scorecard_version ORDER BY team_id, version")
    ).all()
    scorecards = {team: load_scorecard(json.loads(criteria), version=version) for team, criteria, version in versions}
    rows = connection.execute(sa.text("SELECT id, team_id, answers_json FROM score_submission")).all()
    updates = [
        {"id": row_id, "score": rater_score(json.loads(answers), scorecards.get(team, DEFAULT_SCORECARD))}
        for row_id, team, answers in rows
    ]
    if updates:
        connection.execute(sa.text("UPDATE score_submission SET rater_score = :score WHERE id = :id"), updates)


def upgrade() -> None:
    op.create_index(
        "ix_partner_team_stage_entered", "partner", ["team_id", "archived", "stage", "stage_entered_at"]
    )
    op.create_index(
        "ix_partner_team_owner_stage_entered",
        "partner",
        ["team_id", "owner", "archived", "stage", "stage_entered_at"],
    )
    op.create_index(
        "ix_stage_move_team_moved_at", "stage_move", ["team_id", "moved_at", "from_stage", "partner_id"]
    )
    op.create_index("ix_kpi_value_team_on_date_partner", "kpi_value", ["team_id", "on_date", "partner_id"])
    op.create_index(
        "ix_stage_move_team_to_stage_moved_at", "stage_move", ["team_id", "to_stage", "moved_at", "partner_id"]
    )
    op.create_index("ix_feedback_team_recorded_at", "feedback", ["team_id", "recorded_at"])
    operators = "gin_trgm_ops"
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        # the extension lives in one schema per database, maybe not one on this connection's search path
        schema = op.get_bind().execute(sa.text(TRIGRAM_SCHEMA)).scalar_one()
        operators = f'"{schema}".gin_trgm_ops'
    op.create_index(
        "ix_partner_name_trgm",
        "partner",
        ["name_key"],
        postgresql_using="gin",
        postgresql_ops={"name_key": operators},
    )
    with op.batch_alter_table("score_submission") as batch:
        batch.add_column(sa.Column("rater_score", sa.Float(), nullable=True))
    _backfill_rater_scores()
    op.create_index(
        "ix_score_submission_team_submitted_scores",
        "score_submission",
        ["team_id", "submitted_at", "partner_id", "rater", "rater_score"],
    )
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
    op.execute(
        "INSERT INTO feedback_tally (team_id, stage, csat, nps, pain_points, answers)"
        " SELECT f.team_id, f.stage, COALESCE(f.csat, 0), COALESCE(f.nps, -1), f.pain_points, COUNT(*)"
        " FROM feedback f JOIN partner p ON p.id = f.partner_id WHERE p.archived = false"
        " GROUP BY f.team_id, f.stage, COALESCE(f.csat, 0), COALESCE(f.nps, -1), f.pain_points"
    )
    op.create_table(
        "kpi_day",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("total", sa.Numeric(18, 2), nullable=False),
        sa.Column("value_count", sa.Integer(), nullable=False),
        sa.UniqueConstraint("team_id", "day", "metric", name="uq_kpi_day_team_day_metric"),
    )
    op.create_table(
        "kpi_partner_total",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("total", sa.Numeric(18, 2), nullable=False),
        sa.UniqueConstraint("partner_id", "metric", name="uq_kpi_partner_total_partner_metric"),
    )
    op.create_index(
        "ix_kpi_partner_total_team_metric_total", "kpi_partner_total", ["team_id", "metric", "total"]
    )
    op.execute(
        "INSERT INTO kpi_day (team_id, day, metric, total, value_count)"
        " SELECT k.team_id, k.on_date, k.metric, SUM(k.value), COUNT(*) FROM kpi_value k"
        " JOIN partner p ON p.id = k.partner_id WHERE p.archived = false GROUP BY k.team_id, k.on_date, k.metric"
    )
    op.execute(
        "INSERT INTO kpi_partner_total (team_id, partner_id, metric, total)"
        " SELECT team_id, partner_id, metric, SUM(value) FROM kpi_value GROUP BY team_id, partner_id, metric"
    )


def downgrade() -> None:
    op.drop_table("kpi_partner_total")
    op.drop_table("kpi_day")
    op.drop_table("feedback_tally")
    op.drop_index("ix_score_submission_team_submitted_scores", table_name="score_submission")
    with op.batch_alter_table("score_submission") as batch:
        batch.drop_column("rater_score")
    op.drop_index("ix_partner_name_trgm", table_name="partner")
    op.drop_index("ix_feedback_team_recorded_at", table_name="feedback")
    op.drop_index("ix_stage_move_team_moved_at", table_name="stage_move")
    op.drop_index("ix_kpi_value_team_on_date_partner", table_name="kpi_value")
    op.drop_index("ix_stage_move_team_to_stage_moved_at", table_name="stage_move")
    op.drop_index("ix_partner_team_owner_stage_entered", table_name="partner")
    op.drop_index("ix_partner_team_stage_entered", table_name="partner")
