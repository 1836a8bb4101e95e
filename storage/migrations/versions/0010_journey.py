"""The journey as a team runs it: its own stages and checklists, partner source, profile edits, touchpoints,
targets and the company's monthly sales.

Existing workspaces have no `journey_stage` rows, which means today's five stages: their partners, history
and thresholds stay as they are. The new column is empty and the new tables start empty.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _partner_fk() -> sa.Column:
    return sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("partner") as partner:
        partner.add_column(sa.Column("source", sa.String(length=40), nullable=True))
    op.create_table(
        "partner_edit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        _partner_fk(),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("before", sa.String(length=1000), nullable=True),
        sa.Column("after", sa.String(length=1000), nullable=True),
        sa.Column("edited_at", UTCDateTime(), nullable=False),
        sa.Column("edited_by", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_partner_edit_team_id", "partner_edit", ["team_id"])
    op.create_index("ix_partner_edit_partner_edited_at", "partner_edit", ["partner_id", "edited_at"])
    op.create_table(
        "touchpoint",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        _partner_fk(),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_touchpoint_partner_on_date", "touchpoint", ["partner_id", "on_date"])
    op.create_index("ix_touchpoint_team_on_date", "touchpoint", ["team_id", "on_date"])
    op.create_table(
        "journey_stage",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("aliases", sa.String(length=500), nullable=False),
        sa.Column("stall_threshold_days", sa.Integer(), nullable=True),
        sa.UniqueConstraint("team_id", "key", name="uq_journey_stage_team_key"),
    )
    op.create_table(
        "checklist_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_checklist_item_team_stage", "checklist_item", ["team_id", "stage"])
    op.create_table(
        "partner_check",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        _partner_fk(),
        sa.Column(
            "item_id", sa.Integer(), sa.ForeignKey("checklist_item.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("checked_at", UTCDateTime(), nullable=False),
        sa.Column("checked_by", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("partner_id", "item_id", name="uq_partner_check"),
    )
    op.create_table(
        "kpi_target",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=True),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.Numeric(16, 2), nullable=False),
        sa.Column("per", sa.String(length=10), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_kpi_target_team_partner", "kpi_target", ["team_id", "partner_id"])
    op.create_table(
        "company_sales",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(16, 2), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("team_id", "month", name="uq_company_sales_team_month"),
    )


def downgrade() -> None:
    op.drop_table("company_sales")
    op.drop_table("kpi_target")
    op.drop_table("partner_check")
    op.drop_table("checklist_item")
    op.drop_table("journey_stage")
    op.drop_table("touchpoint")
    op.drop_table("partner_edit")
    with op.batch_alter_table("partner") as partner:
        partner.drop_column("source")
