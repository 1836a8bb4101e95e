"""Aggregates for the alliance matrix and recommendations: sums and averages over alliance members, by type.

A partner in two alliances of one type counts once for that type. Team baselines are aggregates too; the
team's median conversion is found in SQL (count, then the middle rows), so no query returns every partner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Float, case, cast, func
from sqlalchemy.sql import Subquery
from sqlmodel import Session, col, select

from storage.alliance_tables import Alliance, AllianceMember, Bonus
from storage.tables import Feedback, KpiValue, Partner, StageMove

PAGE = 500


def _members_by_type(team_id: str) -> Subquery:
    return (
        select(Alliance.type.label("type"), AllianceMember.partner_id.label("partner_id"))  # type: ignore[attr-defined]
        .join(Alliance, col(Alliance.id) == col(AllianceMember.alliance_id))
        .join(Partner, col(Partner.id) == col(AllianceMember.partner_id))
        .where(AllianceMember.team_id == team_id, col(Partner.archived).is_(False))
        .distinct()
        .subquery()
    )


def counts_by_type(*, session: Session, team_id: str) -> dict[str, tuple[int, int]]:
    """type → (alliances, distinct member partners)."""
    alliances = session.exec(
        select(Alliance.type, func.count()).where(Alliance.team_id == team_id).group_by(Alliance.type)
    ).all()
    members = _members_by_type(team_id)
    partners = dict(session.exec(select(members.c.type, func.count()).group_by(members.c.type)).all())
    return {kind: (int(n), int(partners.get(kind, 0))) for kind, n in alliances}


def kpis_by_type(*, session: Session, team_id: str) -> dict[str, dict[str, Decimal]]:
    members = _members_by_type(team_id)
    query = (
        select(members.c.type, KpiValue.metric, func.sum(KpiValue.value))
        .join(members, members.c.partner_id == col(KpiValue.partner_id))
        .where(KpiValue.team_id == team_id)
        .group_by(members.c.type, KpiValue.metric)
    )
    found: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for kind, metric, total in session.exec(query).all():
        found[kind][metric] = Decimal(total)
    bonuses = (
        select(members.c.type, func.sum(Bonus.amount))
        .join(members, members.c.partner_id == col(Bonus.partner_id))
        .where(Bonus.team_id == team_id)
        .group_by(members.c.type)
    )
    for kind, total in session.exec(bonuses).all():
        found[kind]["bonus"] = Decimal(total)
    return dict(found)


def csat_by_type(*, session: Session, team_id: str) -> dict[str, Decimal]:
    members = _members_by_type(team_id)
    query = (
        select(members.c.type, func.avg(Feedback.csat))
        .join(members, members.c.partner_id == col(Feedback.partner_id))
        .where(Feedback.team_id == team_id, col(Feedback.csat).is_not(None))
        .group_by(members.c.type)
    )
    return {kind: Decimal(str(value)) for kind, value in session.exec(query).all() if value is not None}


def member_ids(*, session: Session, team_id: str, type_key: str, after_id: int = 0) -> list[int]:
    """One page of a type's member partner ids, in id order."""
    members = _members_by_type(team_id)
    query = (
        select(members.c.partner_id)
        .where(members.c.type == type_key, members.c.partner_id > after_id)
        .order_by(members.c.partner_id)
        .limit(PAGE)
    )
    return list(session.exec(query).all())


def journey_spans(
    *, session: Session, team_id: str, goal: str, partner_ids: Sequence[int] | None = None, limit: int = 2000
) -> list[tuple[datetime, datetime]]:
    """(registered, first reached `goal`) for those of the partners (default: the team's latest) that reached it."""
    reached = func.min(case((StageMove.to_stage == goal, StageMove.moved_at)))
    registered = func.min(case((col(StageMove.from_stage).is_(None), StageMove.moved_at)))
    query = select(registered, reached).where(StageMove.team_id == team_id).group_by(StageMove.partner_id)
    if partner_ids is not None:
        query = query.where(col(StageMove.partner_id).in_(partner_ids))
    query = query.having(reached.is_not(None)).order_by(reached.desc()).limit(limit)
    return [(start, end) for start, end in session.exec(query).all() if start is not None and end is not None]


def kpis_by_partner(*, session: Session, team_id: str, partner_ids: Sequence[int]) -> dict[int, dict[str, Decimal]]:
    query = (
        select(KpiValue.partner_id, KpiValue.metric, func.sum(KpiValue.value))
        .where(KpiValue.team_id == team_id, col(KpiValue.partner_id).in_(partner_ids))
        .group_by(KpiValue.partner_id, KpiValue.metric)
    )
    found: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for pid, metric, total in session.exec(query).all():
        found[pid][metric] = Decimal(total)
    return dict(found)


def average_csat(*, session: Session, team_id: str, partner_ids: Sequence[int] | None = None) -> Decimal | None:
    query = select(func.avg(Feedback.csat)).where(Feedback.team_id == team_id, col(Feedback.csat).is_not(None))
    if partner_ids is not None:
        query = query.where(col(Feedback.partner_id).in_(partner_ids))
    value = session.exec(query).one()
    return None if value is None else Decimal(str(value))


def median_conversion(*, session: Session, team_id: str) -> Decimal | None:
    """The median lead → deal conversion over the team's partners with leads."""
    leads = func.sum(case((KpiValue.metric == "leads", KpiValue.value), else_=0))
    deals = func.sum(case((KpiValue.metric == "deals", KpiValue.value), else_=0))
    ratios = (
        select((cast(deals, Float) / cast(leads, Float)).label("ratio"))
        .where(KpiValue.team_id == team_id)
        .group_by(KpiValue.partner_id)
        .having(leads > 0)
        .subquery()
    )
    count = int(session.exec(select(func.count()).select_from(ratios)).one())
    if count == 0:
        return None
    middle = session.exec(
        select(ratios.c.ratio).order_by(ratios.c.ratio).offset((count - 1) // 2).limit(2 - count % 2)
    ).all()
    return Decimal(str(sum(middle) / len(middle))).quantize(Decimal("0.0001"))
