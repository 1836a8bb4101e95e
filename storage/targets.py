"""Targets (program or per partner) and the company's monthly sales."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.audit import record
from storage.journey_tables import CompanySales, KpiTarget


def set_target(
    *, session: Session, team_id: str, partner_id: int | None, metric: str, amount: Decimal | None, per: str,
    now: datetime, user: str,
) -> None:
    """One target per metric for the program or a partner: a new one replaces it; None clears it."""
    owner = col(KpiTarget.partner_id).is_(None) if partner_id is None else col(KpiTarget.partner_id) == partner_id
    query = select(KpiTarget).where(KpiTarget.team_id == team_id, owner, KpiTarget.metric == metric)
    held = session.exec(query).first()
    before = {"metric": metric, "amount": held.amount, "per": held.per} if held else {}
    after = {"metric": metric, "amount": amount, "per": per} if amount is not None else {}
    kind = "target.set" if amount is not None else "target.cleared"
    record(session, team_id=team_id, kind=kind, partner_id=partner_id, before=before, after=after)
    session.execute(
        delete(KpiTarget).where(col(KpiTarget.team_id) == team_id, owner, col(KpiTarget.metric) == metric)
    )
    if amount is not None:
        session.add(
            KpiTarget(
                team_id=team_id, partner_id=partner_id, metric=metric, amount=amount, per=per, set_at=now, set_by=user
            )
        )


def targets(*, session: Session, team_id: str, partner_id: int | None) -> list[KpiTarget]:
    owner = col(KpiTarget.partner_id).is_(None) if partner_id is None else col(KpiTarget.partner_id) == partner_id
    query = select(KpiTarget).where(KpiTarget.team_id == team_id, owner).order_by(col(KpiTarget.id))
    return list(session.exec(query).all())


def record_company_sales(
    *, session: Session, team_id: str, month: date, amount: Decimal, now: datetime, user: str
) -> Decimal | None:
    """Sets the month's total (replacing an earlier one, whose amount is returned)."""
    row = session.exec(
        select(CompanySales).where(CompanySales.team_id == team_id, CompanySales.month == month).with_for_update()
    ).first()
    before = row.amount if row else None
    row = row or CompanySales(team_id=team_id, month=month, amount=amount, recorded_at=now, recorded_by=user)
    row.amount, row.recorded_at, row.recorded_by = amount, now, user
    session.add(row)
    return before


def company_sales(*, session: Session, team_id: str, months: list[date]) -> dict[date, Decimal]:
    query = select(CompanySales.month, CompanySales.amount).where(
        CompanySales.team_id == team_id, col(CompanySales.month).in_(months)
    )
    return {month: Decimal(amount) for month, amount in session.exec(query).all()}
