"""The audit trail: one row per change (who, when, what, before → after, from where), indexed for a
partner's history, the workspace's trail and one person's changes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("surface", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
    )
    op.create_index("ix_audit_entry_team_partner_at", "audit_entry", ["team_id", "partner_id", "at", "id"])
    op.create_index("ix_audit_entry_team_at", "audit_entry", ["team_id", "at", "id"])
    op.create_index("ix_audit_entry_team_actor_at", "audit_entry", ["team_id", "actor", "at", "id"])


def downgrade() -> None:
    op.drop_table("audit_entry")
