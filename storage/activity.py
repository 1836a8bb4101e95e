"""Each partner's last activity (newest stage move, feedback, KPI entry or touchpoint, and which), kept on its row.

Every write of a move, a feedback answer, a KPI entry or a touchpoint passes through `touch` in its own transaction; an
undone KPI entry `recompute`s the partner from what is left. The stalled list reads the row and the 30-day
active count is one range on (team_id, archived, last_activity_at). On a tie the stage move wins, then
feedback, as the grouped computation (`computed`) always answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, case, func, literal, or_, text, update
from sqlmodel import Session, col, select

from storage import dated_activity, group_tallies
from storage.journey_tables import Touchpoint
from storage.tables import Feedback, KpiValue, Partner, StageMove
from storage.types import UTCDateTime

MOVE, FEEDBACK, KPI, TOUCHPOINT = "stage move", "feedback", "KPI entry", "touchpoint"
KINDS: tuple[str, ...] = (MOVE, FEEDBACK, KPI, TOUCHPOINT)
"""In the order a tie is settled."""
DATED = (MOVE, FEEDBACK)
"""The kinds whose recorded moment is also when they happened (`storage.dated_activity`)."""

PARTNERS: Table = Partner.__table__  # type: ignore[attr-defined]

Activity = tuple[int, str, datetime]
"""(partner id, kind, when)."""


def _touch_statement() -> object:
    last, kind = PARTNERS.c.last_activity_at, PARTNERS.c.last_activity_kind
    rank = case({name: index for index, name in enumerate(KINDS)}, value=kind, else_=len(KINDS))
    newer = or_(
        last.is_(None),
        last < bindparam("when"),
        and_(last == bindparam("when"), rank > bindparam("rank")),
    )
    return (
        update(PARTNERS)
        .where(PARTNERS.c.id == bindparam("partner"), newer)
        .values(last_activity_at=bindparam("when"), last_activity_kind=bindparam("kind"))
    )


TOUCH = _touch_statement()


def touch(session: Session, activities: Iterable[Activity]) -> None:
    """Makes each activity its partner's last one when it is newer (a conditional update: concurrent writers
    cannot take the row back to an older activity)."""
    activities = list(activities)
    rows = [
        {"partner": partner, "kind": kind, "when": when, "rank": KINDS.index(kind)}
        for partner, kind, when in activities
    ]
    if rows:
        session.connection().execute(TOUCH, rows)  # type: ignore[call-overload]
    for partner, _, _ in activities:
        _expire(session, partner)
    dated_activity.touch_events(session, [(partner, when) for partner, kind, when in activities if kind in DATED])


def moved_at_once(now: datetime) -> dict[str, Any]:
    """The SET values of an UPDATE that moves many partners at `now`: a move wins a tie, so `now` replaces any
    activity not newer than it."""
    last, kind = PARTNERS.c.last_activity_at, PARTNERS.c.last_activity_kind
    when = literal(now, UTCDateTime())
    newer = last.is_(None) | (last <= when)
    return {
        "last_activity_at": case((newer, when), else_=last),
        "last_activity_kind": case((newer, MOVE), else_=kind),
        "last_event_at": dated_activity.newest_event(now),
    }


def _expire(session: Session, partner_id: int) -> None:
    """The loaded row (if any) reads the stored values again rather than those from before the update."""
    loaded = session.identity_map.get(session.identity_key(Partner, partner_id))  # type: ignore[attr-defined]
    if loaded is not None:
        session.expire(loaded, ["last_activity_at", "last_activity_kind"])


def computed(*, session: Session, partner_ids: Sequence[int]) -> dict[int, tuple[str, datetime]]:
    """Each partner's newest stage move, feedback, KPI entry or touchpoint, and which it was: a grouped query
    per kind."""
    if not partner_ids:
        return {}
    sources = (
        (MOVE, StageMove.partner_id, StageMove.moved_at),
        (FEEDBACK, Feedback.partner_id, Feedback.recorded_at),
        (KPI, KpiValue.partner_id, KpiValue.recorded_at),
        (TOUCHPOINT, Touchpoint.partner_id, Touchpoint.recorded_at),
    )
    found: dict[int, tuple[str, datetime]] = {}
    for kind, partner_id, moment in sources:
        query = select(partner_id, func.max(moment)).where(col(partner_id).in_(partner_ids)).group_by(partner_id)
        for key, when in session.exec(query).all():
            if when is not None and (key not in found or when > found[key][1]):
                found[key] = (kind, when)
    return found


def recompute(session: Session, partner_ids: Sequence[int]) -> None:
    """Sets the partners' last activity from their history (after something was taken out of it)."""
    found = computed(session=session, partner_ids=partner_ids)
    reset = update(PARTNERS).where(PARTNERS.c.id.in_(partner_ids))
    session.connection().execute(reset.values(last_activity_at=None, last_activity_kind=None))
    touch(session, [(partner, kind, when) for partner, (kind, when) in found.items()])
    for partner in partner_ids:
        _expire(session, partner)
    dated_activity.recompute(session, partner_ids)


def count_active(*, session: Session, team_id: str, since: datetime) -> int:
    """Partners not archived whose last activity is at or after `since`: the kept counts per day of last
    activity after since's day, and that day's partners from the index (`storage.group_tallies`)."""
    return group_tallies.active_partners(session=session, team_id=team_id, since=since)


def counted_active(*, session: Session, team_id: str, since: datetime) -> int:
    """The same count from the partner rows: a range on the (team_id, archived, last_activity_at) index."""
    query = (
        select(func.count())
        .select_from(Partner)
        .where(Partner.team_id == team_id, col(Partner.archived).is_(False), col(Partner.last_activity_at) >= since)
    )
    return int(session.exec(query).one())


def backfill(connection: Connection, team_id: str | None = None) -> None:
    """Sets every partner's (of one team, when given) last activity from the history, in SQL: a pass per
    source in tie order, each taking only a newer activity."""
    sources = (
        (MOVE, "stage_move", "moved_at"),
        (FEEDBACK, "feedback", "recorded_at"),
        (KPI, "kpi_value", "recorded_at"),
        (TOUCHPOINT, "touchpoint", "recorded_at"),
    )
    team = " AND partner.team_id = :team" if team_id is not None else ""
    for kind, table, moment in sources:
        statement = (
            f"UPDATE partner SET last_activity_at = latest.at, last_activity_kind = :kind"
            f" FROM (SELECT partner_id, MAX({moment}) AS at FROM {table} GROUP BY partner_id) AS latest"
            " WHERE partner.id = latest.partner_id"
            " AND (partner.last_activity_at IS NULL OR partner.last_activity_at < latest.at)" + team
        )
        connection.execute(text(statement), {"kind": kind, "team": team_id})
