"""Which partners were active in a window, and which went quiet: aggregates and a bounded list, in SQL."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from storage.journey_tables import Touchpoint
from storage.tables import Feedback, KpiValue, Partner, StageMove


def active_ids(*, team_id: str, start: datetime, end: datetime, start_day: date, end_day: date) -> Any:
    """A subquery of partner ids with any activity in [start, end): KPI entries and touchpoints by their date."""
    return select(KpiValue.partner_id).where(
        KpiValue.team_id == team_id, KpiValue.on_date >= start_day, KpiValue.on_date < end_day
    ).union(
        select(Touchpoint.partner_id).where(
            Touchpoint.team_id == team_id, Touchpoint.on_date >= start_day, Touchpoint.on_date < end_day
        ),
        select(StageMove.partner_id).where(
            StageMove.team_id == team_id, StageMove.moved_at >= start, StageMove.moved_at < end
        ),
        select(Feedback.partner_id).where(
            Feedback.team_id == team_id, Feedback.recorded_at >= start, Feedback.recorded_at < end
        ),
    )


def count_active(*, session: Session, team_id: str, windows: list[Any]) -> int:
    """Active (not archived) partners whose id is in every one of the `windows` subqueries."""
    query = select(func.count()).select_from(Partner)
    query = query.where(Partner.team_id == team_id, col(Partner.archived).is_(False))
    for window in windows:
        query = query.where(col(Partner.id).in_(window))
    return int(session.execute(query).scalar_one())


def quiet_partners(*, session: Session, team_id: str, recent: Any, limit: int) -> tuple[list[Partner], int]:
    """Active partners with no activity in the `recent` window, longest in their stage first (at most `limit`),
    and how many there are in all."""
    quiet = (col(Partner.team_id) == team_id) & col(Partner.archived).is_(False) & col(Partner.id).not_in(recent)
    total = int(session.execute(select(func.count()).select_from(Partner).where(quiet)).scalar_one())
    listed = session.execute(
        select(Partner).where(quiet).order_by(col(Partner.stage_entered_at), col(Partner.name_key)).limit(limit)
    )
    return list(listed.scalars().all()), total
