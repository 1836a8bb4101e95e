"""Queries on client hand-overs and bonuses: records, and sums per partner, link or period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.alliance_tables import Bonus, Handover

WAITS_SAMPLED = 500


def flow_totals(
    *, session: Session, team_id: str, partner_id: int | None, start: date | None, end: date | None
) -> dict[str, Decimal]:
    """`handovers` (clients a partner passed on; all for the team) and `bonus` (paid) over [start, end)."""
    handed = select(func.count()).select_from(Handover).where(Handover.team_id == team_id)
    paid = select(func.coalesce(func.sum(Bonus.amount), 0)).where(Bonus.team_id == team_id)
    if partner_id is not None:
        handed = handed.where(Handover.from_partner_id == partner_id)
        paid = paid.where(Bonus.partner_id == partner_id)
    if start is not None:
        handed, paid = handed.where(Handover.on_date >= start), paid.where(Bonus.on_date >= start)
    if end is not None:
        handed, paid = handed.where(Handover.on_date < end), paid.where(Bonus.on_date < end)
    totals = {"handovers": Decimal(session.exec(handed).one()), "bonus": Decimal(session.exec(paid).one())}
    return {key: value for key, value in totals.items() if value}


def link_counts(
    *, session: Session, team_id: str, alliance_id: int
) -> dict[tuple[int | None, int | None], tuple[int, Decimal | None]]:
    """(clients passed, their summed value) per (from partner, to partner) of one alliance; None is the company."""
    query = (
        select(Handover.from_partner_id, Handover.to_partner_id, func.count(), func.sum(Handover.value))
        .where(Handover.team_id == team_id, Handover.alliance_id == alliance_id)
        .group_by(Handover.from_partner_id, Handover.to_partner_id)
    )
    return {
        (source, to): (int(n), None if value is None else Decimal(value))
        for source, to, n, value in session.exec(query).all()
    }


def waits(*, session: Session, team_id: str, alliance_ids: Sequence[int]) -> list[Decimal]:
    """Hours the latest hand-overs of these alliances waited (those that say so)."""
    query = (
        select(Handover.waited_hours)
        .where(Handover.team_id == team_id, col(Handover.alliance_id).in_(alliance_ids))
        .where(col(Handover.waited_hours).is_not(None))
        .order_by(col(Handover.on_date).desc())
        .limit(WAITS_SAMPLED)
    )
    return [Decimal(value) for value in session.exec(query).all()]


def last_handover(*, session: Session, team_id: str, alliance_id: int) -> date | None:
    query = select(func.max(Handover.on_date)).where(Handover.team_id == team_id, Handover.alliance_id == alliance_id)
    return session.exec(query).one()


def bonuses_by_partner(*, session: Session, team_id: str, partner_ids: Sequence[int]) -> dict[int, Decimal]:
    query = (
        select(Bonus.partner_id, func.sum(Bonus.amount))
        .where(Bonus.team_id == team_id, col(Bonus.partner_id).in_(partner_ids))
        .group_by(Bonus.partner_id)
    )
    return {pid: Decimal(total) for pid, total in session.exec(query).all()}


def handovers_by_partner(*, session: Session, team_id: str, partner_ids: Sequence[int]) -> dict[int, int]:
    query = (
        select(Handover.from_partner_id, func.count())
        .where(Handover.team_id == team_id, col(Handover.from_partner_id).in_(partner_ids))
        .group_by(Handover.from_partner_id)
    )
    return {pid: int(n) for pid, n in session.exec(query).all() if pid is not None}
