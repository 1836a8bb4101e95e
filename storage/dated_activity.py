"""Each partner's newest activity as retention dates it, kept on its row: the newest stage move or feedback
answer (`last_event_at`, an instant) and the newest KPI entry or touchpoint by the day it is *for*
(`last_event_on`, its `on` date; `storage.activity` keeps when things were *recorded*, a different question).

Retention's "no activity since D" is then two comparisons on the partner row instead of four probes into the
history per partner. Every write of those four kinds moves the figures in its own transaction (`storage.activity`
passes moves and feedback on; KPI entries and touchpoints call `touch_days`); an undone KPI entry recomputes the
partner from what is left.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, case, func, literal, or_, text, update
from sqlmodel import Session, col, select

from storage.journey_tables import Touchpoint
from storage.tables import Feedback, KpiValue, Partner, StageMove
from storage.types import UTCDateTime

PARTNERS: Table = Partner.__table__  # type: ignore[attr-defined]
EVENTS: tuple[tuple[Any, Any], ...] = (
    (StageMove.partner_id, StageMove.moved_at),
    (Feedback.partner_id, Feedback.recorded_at),
)
DAYS: tuple[tuple[Any, Any], ...] = (
    (KpiValue.partner_id, KpiValue.on_date),
    (Touchpoint.partner_id, Touchpoint.on_date),
)


def _newer(column: Any) -> Any:
    """Sets the partner's column to the bound value when it is newer (concurrent writers cannot take it back)."""
    return (
        update(PARTNERS)
        .where(PARTNERS.c.id == bindparam("partner"), or_(column.is_(None), column < bindparam("when")))
        .values({column.name: bindparam("when")})
    )


TOUCH_EVENT = _newer(PARTNERS.c.last_event_at)
TOUCH_DAY = _newer(PARTNERS.c.last_event_on)


def newest_event(now: datetime) -> Any:
    """`last_event_at` after a move at `now` made by a bulk UPDATE."""
    last = PARTNERS.c.last_event_at
    when = literal(now, UTCDateTime())
    return case((last.is_(None) | (last < when), when), else_=last)


def _touch(session: Session, statement: Any, items: Iterable[tuple[int, object]]) -> None:
    rows = [{"partner": partner, "when": when} for partner, when in items]
    if rows:
        session.connection().execute(statement, rows)
        for row in rows:
            _expire(session, row["partner"])


def touch_events(session: Session, events: Iterable[tuple[int, datetime]]) -> None:
    """(partner id, when) of stage moves or feedback answers."""
    _touch(session, TOUCH_EVENT, events)


def touch_days(session: Session, days: Iterable[tuple[int, date]]) -> None:
    """(partner id, on date) of KPI entries or touchpoints."""
    _touch(session, TOUCH_DAY, days)


def _expire(session: Session, partner_id: int) -> None:
    loaded = session.identity_map.get(session.identity_key(Partner, partner_id))  # type: ignore[attr-defined]
    if loaded is not None:
        session.expire(loaded, ["last_event_at", "last_event_on"])


def computed(*, session: Session, partner_ids: Sequence[int]) -> dict[int, tuple[datetime | None, date | None]]:
    """(newest move or feedback, newest KPI or touchpoint day) per partner with any, from the history."""
    found: dict[int, tuple[datetime | None, date | None]] = {}
    if not partner_ids:
        return found
    for position, sources in enumerate((EVENTS, DAYS)):
        for partner_id, moment in sources:
            query = select(partner_id, func.max(moment)).where(col(partner_id).in_(partner_ids)).group_by(partner_id)
            for key, when in session.exec(query).all():
                pair = list(found.get(key, (None, None)))
                if when is not None and (pair[position] is None or when > pair[position]):
                    pair[position] = when
                found[key] = (pair[0], pair[1])
    return {key: pair for key, pair in found.items() if pair != (None, None)}


def recompute(session: Session, partner_ids: Sequence[int]) -> None:
    """Sets the partners' figures from their history (after something was taken out of it)."""
    found = computed(session=session, partner_ids=partner_ids)
    reset = update(PARTNERS).where(PARTNERS.c.id.in_(partner_ids)).values(last_event_at=None, last_event_on=None)
    session.connection().execute(reset)
    touch_events(session, [(partner, at) for partner, (at, _) in found.items() if at is not None])
    touch_days(session, [(partner, on) for partner, (_, on) in found.items() if on is not None])
    for partner in partner_ids:
        _expire(session, partner)


def backfill(connection: Connection, team_id: str | None = None) -> None:
    """Sets every partner's (of one team, when given) figures from the history, in SQL: a pass per source."""
    sources = (
        ("last_event_at", "stage_move", "moved_at"),
        ("last_event_at", "feedback", "recorded_at"),
        ("last_event_on", "kpi_value", "on_date"),
        ("last_event_on", "touchpoint", "on_date"),
    )
    team = " AND partner.team_id = :team" if team_id is not None else ""
    for column, table, moment in sources:
        statement = (
            f"UPDATE partner SET {column} = latest.at"
            f" FROM (SELECT partner_id, MAX({moment}) AS at FROM {table} GROUP BY partner_id) AS latest"
            f" WHERE partner.id = latest.partner_id AND (partner.{column} IS NULL OR partner.{column} < latest.at)"
            + team
        )
        connection.execute(text(statement), {"team": team_id})
