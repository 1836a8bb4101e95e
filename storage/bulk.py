"""Bulk reads and writes of one team's partners, for the spreadsheet hand-over.

Everything here is SQLAlchemy Core on the session's own connection, so it joins the caller's unit of
work (one transaction: an import is all-or-nothing). Flushing 100,000 ORM objects takes minutes; plain
rows take seconds. SQLite gets them as executemany (batched into multi-row INSERTs by SQLAlchemy's
insertmanyvalues); PostgreSQL gets all rows as one JSON parameter (see `_recordset`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Connection, Row, Table, bindparam, column, func, insert, select, update
from sqlalchemy.dialects.postgresql import JSON
from sqlalchemy.sql.selectable import TableValuedAlias
from sqlmodel import Session

from domain.partner import name_key
from storage import activity
from storage.audit import AUDIT, actor_of, audit_row, changed_fields
from storage.tables import Partner, StageMove
from storage.types import UTCDateTime

PARTNERS: Table = Partner.__table__
MOVES: Table = StageMove.__table__


@dataclass(frozen=True, slots=True)
class PartnerValues:
    """The fields of a partner that a spreadsheet carries, as stored (stage by key, instants in UTC)."""

    name: str
    stage: str
    stage_entered_at: datetime
    owner: str | None = None
    segment: str | None = None
    type: str | None = None
    alliance: str | None = None
    size: str | None = None
    notes: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class StoredPartner:
    id: int
    archived: bool
    values: PartnerValues


VALUE_COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(PartnerValues))


def _values(row: Mapping[str, Any]) -> PartnerValues:
    return PartnerValues(**{column: row[column] for column in VALUE_COLUMNS})


def _as_dict(values: PartnerValues) -> dict[str, Any]:
    return {column: getattr(values, column) for column in VALUE_COLUMNS}


def _recordset(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> TableValuedAlias:
    """PostgreSQL: `rows` sent as one JSON parameter and read back as typed columns by `json_to_recordset`.

    One short statement however many rows. insertmanyvalues renders 13,000 placeholders per 1,000-row
    batch, which psycopg re-parses in Python for every batch (it caches only statements under 4 kB):
    20 of the 26 s that 100,000 new partners took. One array per column (`unnest`) still spent 6 s in
    psycopg's Python array quoting; JSON is encoded in C and parsed by the server.
    """
    names = list(rows[0])
    instants = [name for name in names if isinstance(table.c[name].type, UTCDateTime)]
    to_utc = UTCDateTime().process_bind_param  # refuses naive datetimes, as the column does
    records = [
        {**row, **{name: to_utc(row[name], connection.dialect).isoformat() for name in instants if row[name]}}
        for row in rows
    ]
    columns = [column(name, table.c[name].type) for name in names]
    recordset = func.json_to_recordset(bindparam("rows", records, type_=JSON))
    return recordset.table_valued(*columns).render_derived(with_types=True)


def _insert(
    connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], *returning: Column[Any]
) -> list[Row[Any]]:
    """Inserts `rows` (dicts with the same keys) in one round of statements; the `returning` columns of each."""
    if connection.dialect.name == "postgresql":
        values = _recordset(connection, table, rows)
        statement = insert(table).from_select(list(rows[0]), select(*values.c))
        result = connection.execute(statement.returning(*returning) if returning else statement)
    else:
        statement = insert(table)
        result = connection.execute(statement.returning(*returning) if returning else statement, rows)
    return list(result) if returning else []


def _update_by_id(connection: Connection, table: Table, team_id: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Sets, for each row (a dict with `id` and the columns to set, the same keys in all), those columns."""
    names = [name for name in rows[0] if name != "id"]
    if connection.dialect.name == "postgresql":
        values = _recordset(connection, table, rows)
        statement = update(table).where(table.c.id == values.c.id, table.c.team_id == team_id)
        connection.execute(statement.values({name: values.c[name] for name in names}))
    else:
        statement = update(table).where(table.c.id == bindparam("row_id"), table.c.team_id == team_id)
        statement = statement.values({name: bindparam(f"row_{name}") for name in names})
        connection.execute(statement, [{f"row_{key}": value for key, value in row.items()} for row in rows])


def team_partners(*, session: Session, team_id: str, for_update: bool = False) -> dict[str, StoredPartner]:
    """Every partner of the team by `name_key`, archived ones too (their names stay taken), in one query.

    `for_update` locks the rows until commit on PostgreSQL, so a concurrent `/partner advance` waits
    instead of being overwritten with a stale stage (SQLite serialises writers with BEGIN IMMEDIATE).
    """
    columns = [PARTNERS.c[column] for column in VALUE_COLUMNS]
    query = select(PARTNERS.c.id, PARTNERS.c.name_key, PARTNERS.c.archived, *columns).where(
        PARTNERS.c.team_id == team_id
    )
    if for_update:
        query = query.with_for_update()
    rows = session.connection().execute(query)
    return {
        key: StoredPartner(partner_id, archived, PartnerValues(*values)) for partner_id, key, archived, *values in rows
    }


def _move(
    *, team_id: str, partner_id: int, from_stage: str | None, values: PartnerValues, user: str, note: str | None
) -> dict[str, Any]:
    return {
        "team_id": team_id,
        "partner_id": partner_id,
        "from_stage": from_stage,
        "to_stage": values.stage,
        "moved_at": values.stage_entered_at,
        "moved_by": user,
        "note": note,
    }


def insert_partners(
    *, session: Session, team_id: str, partners: Sequence[PartnerValues], user: str, now: datetime, note: str | None
) -> int:
    """Registers `partners` (names new to the team) and the first move of each one's history.

    That move enters the partner's stage at its `stage_entered_at`, which may lie in the past.
    A name taken meanwhile by a concurrent writer raises IntegrityError from the unique index.
    """
    if not partners:
        return 0
    connection = session.connection()
    rows = [
        {
            **_as_dict(values),
            "team_id": team_id,
            "name_key": name_key(values.name),
            "archived": False,
            "created_at": now,
            "created_by": user,
            "last_activity_at": values.stage_entered_at,
            "last_activity_kind": activity.MOVE,
            "last_event_at": values.stage_entered_at,
        }
        for values in partners
    ]
    returned = _insert(connection, PARTNERS, rows, PARTNERS.c.name_key, PARTNERS.c.id)
    ids: dict[str, int] = {key: partner_id for key, partner_id in returned}
    moves = [
        _move(team_id=team_id, partner_id=ids[row["name_key"]], from_stage=None, values=values, user=user, note=note)
        for row, values in zip(rows, partners, strict=True)
    ]
    _insert(connection, MOVES, moves)
    actor = actor_of(session)
    trail = [
        audit_row(
            actor, team_id=team_id, kind="partner.created", partner_id=ids[row["name_key"]],
            after={key: value for key, value in _as_dict(values).items() if value is not None},
        )
        for row, values in zip(rows, partners, strict=True)
    ]  # fmt: skip
    _insert(connection, AUDIT, trail)
    return len(rows)


def update_partners(
    *,
    session: Session,
    team_id: str,
    changes: Sequence[tuple[StoredPartner, PartnerValues]],
    user: str,
    note: str | None,
) -> int:
    """Writes each (partner, new values) pair by id; a changed stage also appends a move to the history.

    The move goes from the stored stage to the new one at the new `stage_entered_at`, as
    `storage.registry.record_move` does for a single partner.
    """
    if not changes:
        return 0
    connection = session.connection()
    _update_by_id(connection, PARTNERS, team_id, [{"id": stored.id, **_as_dict(after)} for stored, after in changes])
    moves = [
        _move(team_id=team_id, partner_id=stored.id, from_stage=stored.values.stage, values=after, user=user, note=note)
        for stored, after in changes
        if after.stage != stored.values.stage
    ]
    if moves:
        _insert(connection, MOVES, moves)
        activity.touch(session, [(move["partner_id"], activity.MOVE, move["moved_at"]) for move in moves])
    trail = [row for row in (_edit_trail(session, team_id, stored, after) for stored, after in changes) if row]
    if trail:
        _insert(connection, AUDIT, trail)
    return len(changes)


MOVE_FIELDS = frozenset({"stage", "stage_entered_at"})


def _edit_trail(session: Session, team_id: str, stored: StoredPartner, after: PartnerValues) -> dict[str, Any] | None:
    """The audit row of one partner an import changed: moved (only its stage changed) or edited."""
    old, new = changed_fields(_as_dict(stored.values), _as_dict(after))
    if not new:
        return None
    kind = "partner.moved" if set(new) <= MOVE_FIELDS else "partner.edited"
    return audit_row(actor_of(session), team_id=team_id, kind=kind, partner_id=stored.id, before=old, after=new)


def partners_for_export(*, session: Session, team_id: str, stage_order: Sequence[str]) -> list[PartnerValues]:
    """The team's active (not archived) partners, in journey order, then by name ignoring case.

    Sorted here rather than in SQL so that the order is the same on SQLite and PostgreSQL, whose
    collations differ for Cyrillic and Polish; stages no longer in the journey come last.
    """
    columns = [PARTNERS.c[column] for column in VALUE_COLUMNS]
    query = select(PARTNERS.c.name_key, *columns).where(PARTNERS.c.team_id == team_id, PARTNERS.c.archived.is_(False))
    rows = session.connection().execute(query).mappings().all()
    position = {stage: index for index, stage in enumerate(stage_order)}
    rows = sorted(rows, key=lambda row: (position.get(row["stage"], len(position)), row["stage"], row["name_key"]))
    return [_values(row) for row in rows]
