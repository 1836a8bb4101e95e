"""Pair tallies for `/partner kpis by GROUP FIELD=VALUE` and `/partner kpis F1=V1 F2=V2`: the per-group tallies of
0019 also count each partner in the group of every two of its grouping fields (`type+stage` = 'reseller␟support'),
kept by the same triggers, which are re-created with the pairs and refilled.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage import group_tally_sql
from storage.group_tallies import install, uninstall

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

TABLES = ("group_tally", "group_kpi_tally", "group_activity_day")


def _widen(field: int, value: int) -> None:
    """A pair's field name and value are longer than one field's (SQLite copies each table; the triggers that
    write to them are dropped at that moment and installed again after)."""
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("field", type_=sa.String(length=field))
            batch.alter_column("value", type_=sa.String(length=value))


def upgrade() -> None:
    bind = op.get_bind()
    uninstall(bind)
    _widen(20, 170)
    install(bind)


def downgrade() -> None:
    bind = op.get_bind()
    uninstall(bind)
    for table in TABLES:  # emptied before the columns shrink; the fill below counts them again
        op.execute(sa.text(f"DELETE FROM {table}"))
    _widen(10, 80)
    with group_tally_sql.without_pairs():
        install(bind)
