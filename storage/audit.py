"""Writing the audit trail: who acts in a session, and the rows that say what changed.

Changes made through ORM objects are recorded by `storage.audit_recorder` as they are flushed; bulk
statements (imports, journey redesign, KPI undo, targets) call `record` / `record_rows` themselves.
Either way the rows go through the session's own connection, so they commit or roll back with the change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import Session

from storage.audit_tables import AuditEntry

AUDIT: Table = AuditEntry.__table__  # type: ignore[assignment]
SURFACES: tuple[str, ...] = ("command", "button", "form", "job", "cli", "import")
ACTOR_KEY = "partnerbot.audit.actor"


@dataclass(frozen=True)
class Actor:
    """Who makes the session's changes and where the request entered; `at` is the request's `now`."""

    user: str
    surface: str
    at: datetime | None = None

    def __post_init__(self) -> None:
        if self.surface not in SURFACES:
            raise ValueError(f"unknown audit surface {self.surface!r}")


UNATTRIBUTED = Actor("system", "job")
"""A session opened without saying who acts (a seed script, a test fixture): recorded, never lost."""


def act_as(session: Session, actor: Actor) -> None:
    session.info[ACTOR_KEY] = actor


def actor_of(session: Session) -> Actor:
    actor = session.info.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else UNATTRIBUTED


def plain(value: Any) -> Any:
    """A stored value as JSON can hold it: instants and days as ISO text, amounts as exact decimal text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return value


def as_json(values: Mapping[str, Any] | None) -> str | None:
    if not values:
        return None
    # default=str: a type no rule foresaw is written as text rather than failing the change it records
    return json.dumps(
        {key: plain(value) for key, value in values.items()}, ensure_ascii=False, sort_keys=True, default=str
    )


def audit_row(
    actor: Actor,
    *,
    team_id: str,
    kind: str,
    partner_id: int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "team_id": team_id,
        "at": actor.at or datetime.now(UTC),
        "actor": actor.user[:64],
        "surface": actor.surface,
        "kind": kind,
        "partner_id": partner_id,
        "before": as_json(before),
        "after": as_json(after),
    }


def record_rows(session: Session, rows: Iterable[dict[str, Any]]) -> int:
    """Writes prepared audit rows (from `audit_row`) in one statement on the session's connection."""
    batch = list(rows)
    if batch:
        session.connection().execute(insert(AUDIT), batch)
    return len(batch)


def record(
    session: Session,
    *,
    team_id: str,
    kind: str,
    partner_id: int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """One audit row for a change made with a bulk statement, as the session's actor."""
    row = audit_row(actor_of(session), team_id=team_id, kind=kind, partner_id=partner_id, before=before, after=after)
    record_rows(session, [row])


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(before, after) narrowed to the fields whose value differs."""
    keys = [key for key in {**before, **after} if plain(before.get(key)) != plain(after.get(key))]
    return {key: before.get(key) for key in keys}, {key: after.get(key) for key in keys}
