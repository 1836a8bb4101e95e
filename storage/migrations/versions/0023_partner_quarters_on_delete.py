"""A deleted partner's kept quarters go with it: a trigger removes them before the partner's row goes, so the
per-quarter tallies take it out (on PostgreSQL, deleting a partner with activity failed on the key of
`partner_quarter`).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from storage.quarter_activity import partner_deleted, partner_deleted_drops

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    """Dropped first: a database migrated from scratch already has it (0020 installs the current triggers)."""
    for statement in [*partner_deleted_drops(_postgresql()), *partner_deleted(_postgresql())]:
        op.execute(text(statement))


def downgrade() -> None:
    for statement in partner_deleted_drops(_postgresql()):
        op.execute(text(statement))
