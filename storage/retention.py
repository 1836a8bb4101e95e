"""Which partners were active in a window, and which went quiet: aggregates and a bounded list, in SQL."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select, union_all
from sqlmodel import Session, col

from storage.journey_tables import Touchpoint
from storage.tables import Feedback, KpiValue, Partner, StageMove

Window = tuple[datetime, datetime, date, date]
"""[start, end) as instants (stage moves, feedback) and as local days (KPI entries, touchpoints)."""


def _flags(column: Any, windows: tuple[Window, Window], by_day: bool) -> tuple[list[Any], Any]:
    def inside(window: Window) -> Any:
        start, end, start_day, end_day = window
        return (column >= start_day) & (column < end_day) if by_day else (column >= start) & (column < end)

    return [case((inside(window), 1), else_=0) for window in windows], inside(windows[0]) | inside(windows[1])


def retention_counts(*, session: Session, team_id: str, before: Window, after: Window) -> tuple[int, int, int]:
    """(active in `before`, active in `after`, active in both), not archived, in one pass over the activity."""
    sources = (
        (KpiValue.partner_id, KpiValue.team_id, KpiValue.on_date, True),
        (Touchpoint.partner_id, Touchpoint.team_id, Touchpoint.on_date, True),
        (StageMove.partner_id, StageMove.team_id, StageMove.moved_at, False),
        (Feedback.partner_id, Feedback.team_id, Feedback.recorded_at, False),
    )
    parts = []
    for partner_id, team, when, by_day in sources:
        (was, now), either = _flags(col(when), (before, after), by_day)
        parts.append(select(partner_id.label("pid"), was.label("was"), now.label("now")).where(team == team_id, either))
    rows = union_all(*parts).subquery()
    per_partner = (
        select(rows.c.pid, func.max(rows.c.was).label("was"), func.max(rows.c.now).label("now"))
        .group_by(rows.c.pid)
        .subquery()
    )
    query = (
        select(
            func.sum(per_partner.c.was), func.sum(per_partner.c.now), func.sum(per_partner.c.was * per_partner.c.now)
        )
        .join_from(per_partner, Partner, col(Partner.id) == per_partner.c.pid)
        .where(Partner.team_id == team_id, col(Partner.archived).is_(False))
    )
    was, now, both = session.execute(query).one()
    return int(was or 0), int(now or 0), int(both or 0)


def quiet_partners(
    *, session: Session, team_id: str, since: datetime, since_day: date, limit: int
) -> tuple[list[Partner], int]:
    """Active partners with no activity since then, longest in their stage first (at most `limit`), and how many
    there are in all: two comparisons on the kept figures (`storage.dated_activity`), read from one index."""
    moved, dated = col(Partner.last_event_at), col(Partner.last_event_on)
    quiet = and_(
        col(Partner.team_id) == team_id,
        col(Partner.archived).is_(False),
        or_(moved.is_(None), moved < since),
        or_(dated.is_(None), dated < since_day),
    )
    total = int(session.execute(select(func.count()).select_from(Partner).where(quiet)).scalar_one())
    listed = session.execute(
        select(Partner).where(quiet).order_by(col(Partner.stage_entered_at), col(Partner.name_key)).limit(limit)
    )
    return list(listed.scalars().all()), total
