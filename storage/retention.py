"""Which partners were active in a window, and which went quiet: aggregates and a bounded list, in SQL."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select
from sqlmodel import Session, col

from storage.journey_tables import Touchpoint
from storage.tables import Feedback, KpiValue, Partner, StageMove

Window = tuple[datetime, datetime, date, date]
"""[start, end) as instants (stage moves, feedback) and as local days (KPI entries, touchpoints)."""


def _active_between(start: datetime, end: datetime, start_day: date, end_day: date) -> Any:
    """Any stage move, feedback, KPI entry or touchpoint of the partner in [start, end): an index probe per kind,
    the most frequent kind first, stopping at the first found."""
    partner = col(Partner.id)
    return or_(
        exists().where(
            col(StageMove.partner_id) == partner, col(StageMove.moved_at) >= start, col(StageMove.moved_at) < end
        ),
        exists().where(
            col(KpiValue.partner_id) == partner, col(KpiValue.on_date) >= start_day, col(KpiValue.on_date) < end_day
        ),
        exists().where(
            col(Feedback.partner_id) == partner, col(Feedback.recorded_at) >= start, col(Feedback.recorded_at) < end
        ),
        exists().where(
            col(Touchpoint.partner_id) == partner,
            col(Touchpoint.on_date) >= start_day,
            col(Touchpoint.on_date) < end_day,
        ),
    )


def _newest_since(moment: datetime, day: date) -> Any:
    """The partner's newest kept activity (`storage.dated_activity`) is at or after the moment."""
    return or_(col(Partner.last_event_at) >= moment, col(Partner.last_event_on) >= day)


def retention_counts(*, session: Session, team_id: str, before: Window, after: Window) -> tuple[int, int, int]:
    """(active in `before`, active in `after`, active in both), not archived; `after` is the quarter that holds
    now, and nothing is recorded after now (future days are refused).

    So a partner is active in `after` when its kept newest activity is in it, and, when it is not, active in
    `before` when its newest is in that. Only the partners active now need a look into their history (a probe
    per kind of activity): one pass over the partner index, grouped by the two answers."""
    start, _, start_day, _ = after
    now_flag = case((_newest_since(start, start_day), 1), else_=0).label("now")
    was_flag = case(
        (_newest_since(start, start_day), case((_active_between(*before), 1), else_=0)),
        (_newest_since(before[0], before[2]), 1),
        else_=0,
    ).label("was")
    flags = (
        select(now_flag, was_flag).where(col(Partner.team_id) == team_id, col(Partner.archived).is_(False)).subquery()
    )
    counts = {
        (now, was): int(count)
        for now, was, count in session.execute(
            select(flags.c.now, flags.c.was, func.count()).group_by(flags.c.now, flags.c.was)
        ).all()
    }
    was = counts.get((0, 1), 0) + counts.get((1, 1), 0)
    now = counts.get((1, 0), 0) + counts.get((1, 1), 0)
    return was, now, counts.get((1, 1), 0)


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
