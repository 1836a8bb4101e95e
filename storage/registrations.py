"""Partners registered (entered the journey) in a period, from the kept registrations per UTC day: the days
wholly inside the period added up, and the partial days at its edges (a local midnight is rarely a UTC one)
counted from the moves on the registrations index — an hour or so of moves, never the whole period.
An edge of less than a day joins its few moves to their partners; a range with no whole day counts its moves
the same way (at most two days of them)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.group_tables import RegistrationDay
from storage.tables import Partner, StageMove


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def registered_between(*, session: Session, team_id: str, start: datetime, end: datetime) -> int:
    """Active partners whose first move is in [start, end)."""
    first = start.astimezone(UTC).date()
    if _midnight(first) < start:
        first += timedelta(days=1)
    last = end.astimezone(UTC).date()  # the days [first, last) lie wholly inside
    if first >= last:
        return _counted(session, team_id, start, end)
    kept = select(func.coalesce(func.sum(RegistrationDay.partners), 0)).where(
        RegistrationDay.team_id == team_id, RegistrationDay.day >= first, RegistrationDay.day < last
    )
    total = int(session.execute(kept).scalar_one())
    if start < _midnight(first):
        total += _counted(session, team_id, start, _midnight(first))
    if _midnight(last) < end:
        total += _counted(session, team_id, _midnight(last), end)
    return total


def _counted(session: Session, team_id: str, start: datetime, end: datetime) -> int:
    """Registrations of active partners in less than a day: each move of the range joined to its partner."""
    query = (
        select(func.count())
        .select_from(StageMove)
        .join(Partner, col(Partner.id) == col(StageMove.partner_id))
        .where(
            StageMove.team_id == team_id, col(StageMove.from_stage).is_(None), StageMove.moved_at >= start,
            StageMove.moved_at < end, col(Partner.archived).is_(False),
        )
    )
    return int(session.execute(query).scalar_one())
