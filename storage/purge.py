"""Deleting everything a workspace left behind, table by table, in one transaction."""

from __future__ import annotations

from sqlalchemy import Table, delete, func, select
from sqlmodel import Session, SQLModel

import storage.tables  # noqa: F401  (registers every table in the metadata)
from storage.oauth_tables import STATES_TABLE

KEPT_FIGURES = frozenset({"group_tally", "group_kpi_tally", "group_activity_day", "registration_day", "stage_day"})
"""Tallies derived from the workspace's rows (by triggers): deleted last, with the rest, and not listed."""
NOT_WORKSPACE_DATA = frozenset({STATES_TABLE, "quarter_start", "day_start"})
"""Rows that belong to no workspace: an OAuth state is issued before anyone knows which one will install; where
quarters begin is the deployment's time zone's."""


KEPT_FIRST = ("quarter_tally", "partner_quarter", "newest_day_tally")
"""Figures triggers keep from the history: deleted before it, so that deleting the history finds nothing left to
take back and each table's count of deleted rows is the count shown before."""


def team_tables() -> list[Table]:
    """Every table with a team_id, children before the tables they point at (the kept figures first)."""
    tables = [table for table in reversed(SQLModel.metadata.sorted_tables) if "team_id" in table.c]
    return sorted(tables, key=lambda table: table.name not in KEPT_FIRST)


def tables_without_team() -> list[str]:
    return [
        table.name
        for table in SQLModel.metadata.sorted_tables
        if "team_id" not in table.c and table.name not in NOT_WORKSPACE_DATA
    ]


def count_team_rows(*, session: Session, team_id: str) -> dict[str, int]:
    counts = {}
    for table in team_tables():
        if table.name in KEPT_FIGURES:
            continue
        query = select(func.count()).select_from(table).where(table.c.team_id == team_id)
        counts[table.name] = int(session.execute(query).scalar_one())
    return counts


def delete_team_rows(*, session: Session, team_id: str) -> dict[str, int]:
    """Deletes the team's rows in every table; the caller commits (or not) once."""
    deleted = {}
    tables = team_tables()
    for table in [t for t in tables if t.name not in KEPT_FIGURES] + [t for t in tables if t.name in KEPT_FIGURES]:
        result = session.execute(delete(table).where(table.c.team_id == team_id))
        if table.name not in KEPT_FIGURES:
            deleted[table.name] = int(getattr(result, "rowcount", 0) or 0)
    return deleted
