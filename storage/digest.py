"""Queries that summarise a period for the weekly digest."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, func, or_
from sqlmodel import Session, col, select

from storage.tables import Feedback, KpiValue, Partner, StageMove


def move_counts(
    *, session: Session, team_id: str, start: datetime, end: datetime, registrations_only: bool = False
) -> tuple[int, int]:
    """(partners registered, stage moves) in [start, end), archived partners excluded.

    Counted over every move on the (team_id, moved_at) index, less the moves of archived partners
    (few, reached from the partner side), instead of joining each move to its partner.
    """
    registered = col(StageMove.from_stage).is_(None)
    in_period = [StageMove.moved_at >= start, StageMove.moved_at < end] + ([registered] if registrations_only else [])
    every = select(registered, func.count()).where(StageMove.team_id == team_id, *in_period).group_by(registered)
    archived_ids = _archived_active_since(team_id, start)
    archived = (  # through each archived partner's (partner_id, moved_at) index, not the team's moves
        select(registered, func.count())
        .where(col(StageMove.partner_id).in_(archived_ids), *in_period)
        .group_by(registered)
    )
    counts = {bool(first): count for first, count in session.exec(every).all()}
    for first, count in session.exec(archived).all():
        counts[bool(first)] -= count
    return counts.get(True, 0), counts.get(False, 0)


def _archived_active_since(team_id: str, start: datetime) -> Any:
    """The archived partners that can have a move at or after `start`: a partner's kept last activity is its
    newest move or later, so those quiet since before it are skipped on the (team_id, archived, last activity)
    index (a week's digest probes a handful instead of every archived partner; NULL: never had activity kept)."""
    return select(Partner.id).where(
        Partner.team_id == team_id, col(Partner.archived).is_(True),
        or_(col(Partner.last_activity_at).is_(None), col(Partner.last_activity_at) >= start),
    )


def feedback_count(*, session: Session, team_id: str, start: datetime, end: datetime) -> int:
    query = (
        select(func.count())
        .select_from(Feedback)
        .where(Feedback.team_id == team_id, Feedback.recorded_at >= start, Feedback.recorded_at < end)
    )
    return int(session.exec(query).one())


def reached_stage(
    *, session: Session, team_id: str, stage: str, start: datetime, end: datetime, limit: int
) -> tuple[list[str], int]:
    """The first `limit` names (case-insensitively by name) of the partners, not archived, that entered `stage` in
    [start, end), and how many there are.

    The names walk the partners in (team_id, name_key) order and probe each one's moves on the (partner_id,
    moved_at) index until `limit` are found, instead of sorting every partner that arrived; the count is the
    distinct partners on the covering (team_id, to_stage, moved_at, partner_id) index, less the archived ones
    (few, reached from the partner side), instead of joining each move to its partner.
    """
    entered = [StageMove.to_stage == stage, StageMove.moved_at >= start, StageMove.moved_at < end]
    arrived = exists().where(col(StageMove.partner_id) == col(Partner.id), *entered)
    reached = select(Partner.name).where(Partner.team_id == team_id, col(Partner.archived).is_(False), arrived)
    names = list(session.exec(reached.order_by(col(Partner.name_key)).limit(limit)).all())
    if len(names) < limit:
        return names, len(names)
    distinct = func.count(func.distinct(StageMove.partner_id))
    every = select(distinct).where(StageMove.team_id == team_id, *entered)
    archived_ids = _archived_active_since(team_id, start)
    archived = select(distinct).where(col(StageMove.partner_id).in_(archived_ids), *entered)
    return names, int(session.exec(every).one()) - int(session.exec(archived).one())


def daily_kpis(*, session: Session, team_id: str, start: date, end: date) -> list[tuple[date, str, Decimal]]:
    """(day, metric, sum) for [start, end), archived partners excluded."""
    query = (
        select(KpiValue.on_date, KpiValue.metric, func.sum(KpiValue.value))
        .join(Partner, col(Partner.id) == col(KpiValue.partner_id))
        .where(
            KpiValue.team_id == team_id,
            col(Partner.archived).is_(False),
            KpiValue.on_date >= start,
            KpiValue.on_date < end,
        )
        .group_by(KpiValue.on_date, KpiValue.metric)
    )
    return [(day, metric, Decimal(total)) for day, metric, total in session.exec(query).all()]
