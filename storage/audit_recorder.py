"""The audit trail of ORM changes, written as each flush happens, so no command can forget it.

After every flush of a session, each inserted, updated or deleted row of a table with `team_id` is
turned into a change by its table's rule (`storage.audit_rules`) and written to `audit_entry` through
the same connection: a rolled-back transaction or savepoint takes its audit rows with it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from storage.audit import actor_of, audit_row, record_rows
from storage.audit_rules import DELETE, INSERT, UPDATE, Change, recordable, rule_for


def _columns(row: Any) -> list[str]:
    return [attribute.key for attribute in inspect(row).mapper.column_attrs]


def _present(row: Any) -> dict[str, Any]:
    values = {key: getattr(row, key) for key in _columns(row) if recordable(key)}
    return {key: value for key, value in values.items() if value is not None}


def _set(row: Any) -> dict[str, Any]:
    """A new row's fields that say something: not empty, and not the column's default."""
    fields = getattr(type(row), "model_fields", {})
    return {
        key: value
        for key, value in _present(row).items()
        if key not in fields or fields[key].default is None or value != fields[key].default
    }


def _updated(row: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(row)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in _columns(row):
        history = state.attrs[key].history
        if not recordable(key) or not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            before[key], after[key] = old, new
    return before, after


def _changes(session: Session) -> list[tuple[str, Change]]:
    found: list[tuple[str, Change]] = []
    flushed = [(INSERT, row) for row in session.new]
    flushed += [(UPDATE, row) for row in session.dirty if session.is_modified(row, include_collections=False)]
    flushed += [(DELETE, row) for row in session.deleted]
    for operation, row in flushed:
        table = getattr(row, "__tablename__", None)
        team_id = getattr(row, "team_id", None)
        rule = rule_for(table) if table and team_id else None
        if rule is None:
            continue
        if operation == INSERT:
            before, after = {}, _set(row)
        elif operation == UPDATE:
            before, after = _updated(row)
        else:
            before, after = _present(row), {}
        change = rule(operation, row, before, after)
        if change is not None:
            found.append((team_id, change))
    return found


def _merged(changes: list[tuple[str, Change]]) -> list[tuple[str, Change]]:
    """Changes sharing a merge key (a KPI entry's figures) as one, their fields joined."""
    merged: dict[object, tuple[str, Change]] = {}
    for team_id, change in changes:
        key = change.merge_key or id(change)
        if key in merged:
            _, first = merged[key]
            first.before.update(change.before)
            first.after.update(change.after)
        else:
            merged[key] = (team_id, change)
    return list(merged.values())


@event.listens_for(Session, "after_flush")
def _record_flushed_changes(session: Session, _flush: UOWTransaction) -> None:
    changes = _merged(_changes(session))
    if not changes:
        return
    actor = actor_of(session)  # type: ignore[arg-type]
    rows = [
        audit_row(
            actor, team_id=team_id, kind=change.kind, partner_id=change.partner_id, before=change.before,
            after=change.after,
        )
        for team_id, change in changes
    ]
    record_rows(session, rows)  # type: ignore[arg-type]
