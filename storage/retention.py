"""Which partners were active in a window, and which went quiet: read from the kept figures (two rows of
`quarter_tally`, a few hundred of `newest_day_tally` and a bounded list), kept in the deployment's time zone.

`retention_counts` and `count_quiet` compute the same from every partner: what the kept figures must equal (the
tests' oracle)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, and_, case, exists, func, or_, select, text
from sqlmodel import Session, col

from storage import local_calendar, newest_days, quarter_activity
from storage.journey_tables import Touchpoint
from storage.tables import Feedback, KpiValue, Partner, StageMove

Window = tuple[datetime, datetime, date, date]
"""[start, end) as instants (stage moves, feedback) and as local days (KPI entries, touchpoints)."""


def active_between(start: datetime, end: datetime, start_day: date, end_day: date) -> Any:
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
        (_newest_since(start, start_day), case((active_between(*before), 1), else_=0)),
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


def _quiet(team_id: str, since: datetime, since_day: date) -> Any:
    moved, dated = col(Partner.last_event_at), col(Partner.last_event_on)
    return and_(
        col(Partner.team_id) == team_id,
        col(Partner.archived).is_(False),
        or_(moved.is_(None), moved < since),
        or_(dated.is_(None), dated < since_day),
    )


def quiet_partners(
    *, session: Session, team_id: str, since: datetime, since_day: date, limit: int
) -> tuple[list[Partner], int]:
    """Active partners with no activity since then, longest in their stage first (at most `limit`: two
    comparisons on the kept figures of `storage.dated_activity`, read from one index), and how many there are in
    all (`storage.newest_days`; `since` is the start of `since_day` in the zone the figures are kept in)."""
    quiet = _quiet(team_id, since, since_day)
    listed = session.execute(
        select(Partner).where(quiet).order_by(col(Partner.stage_entered_at), col(Partner.name_key)).limit(limit)
    )
    total = newest_days.quiet_since(session=session, team_id=team_id, day=since_day)
    return list(listed.scalars().all()), total


def count_quiet(*, session: Session, team_id: str, since: datetime, since_day: date) -> int:
    """The quiet partners counted one by one."""
    query = select(func.count()).select_from(Partner).where(_quiet(team_id, since, since_day))
    return int(session.execute(query).scalar_one())


def install(connection: Connection, zone_name: str) -> None:
    """The calendar of the zone, and every kept figure counted in it from the history, with their triggers."""
    local_calendar.fill(connection, zone_name)
    quarter_activity.install(connection)
    newest_days.install(connection)
    if connection.dialect.name == "postgresql":  # planner statistics now, not when autovacuum comes: without
        # them the triggers' calendar probes were planned as scans (a 20,000-row import took 58 s instead of 8)
        connection.execute(text("ANALYZE day_start, quarter_start, partner_quarter, quarter_tally, newest_day_tally"))


def uninstall(connection: Connection) -> None:
    quarter_activity.uninstall(connection)
    newest_days.uninstall(connection)


def ensure_zone(*, session: Session, zone: ZoneInfo) -> bool:
    """Rebuilds the calendar and the figures for `zone` when they were kept in another one (the deployment's time
    zone changed; set-based, seconds at 100,000 partners); True when it did, and the caller commits. Concurrent
    requests on PostgreSQL queue on the table lock and the second finds the work done."""
    if local_calendar.kept_zone(session=session) == str(zone):
        return False
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("LOCK TABLE quarter_start IN EXCLUSIVE MODE"))
        if local_calendar.kept_zone(session=session) == str(zone):
            return False
    uninstall(connection)
    install(connection, str(zone))
    return True
