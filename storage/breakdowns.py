"""Program figures grouped by a partner field, each an aggregate in SQL (a row per group, never per partner)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from storage.tables import Feedback, KpiPartnerTotal, Partner

MAX_GROUPS = 50


def _column(field: str) -> Any:
    return getattr(Partner, field)


def _scoped(query: Any, team_id: str, filters: Mapping[str, str]) -> Any:
    query = query.where(Partner.team_id == team_id, col(Partner.archived).is_(False))
    for field, value in filters.items():
        query = query.where(_column(field) == value)
    return query


def partner_counts(*, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]) -> dict[Any, int]:
    """Partners per group, the largest groups first, at most MAX_GROUPS of them."""
    group = _column(field) if field else None
    count = func.count().label("partners")
    query = select(group, count) if group is not None else select(count)
    query = _scoped(query.select_from(Partner), team_id, filters)
    if group is not None:
        query = query.group_by(group).order_by(count.desc(), group).limit(MAX_GROUPS)
    return {row[0] if group is not None else None: int(row[-1]) for row in session.execute(query).all()}


def kpi_totals(
    *, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]
) -> dict[Any, dict[str, Decimal]]:
    """All-time sums per group and metric, from each partner's kept totals (a row per partner and metric, not
    every KPI value)."""
    group = _column(field) if field else None
    total = KpiPartnerTotal
    columns = [c for c in (group, total.metric, func.sum(total.total)) if c is not None]
    query = _scoped(select(*columns).join(Partner, col(Partner.id) == col(total.partner_id)), team_id, filters)
    query = query.where(total.team_id == team_id).group_by(*columns[:-1])
    totals: dict[Any, dict[str, Decimal]] = {}
    for row in session.execute(query).all():
        key = row[0] if group is not None else None
        totals.setdefault(key, {})[row[-2]] = Decimal(row[-1])
    return totals


def active_counts(
    *, session: Session, team_id: str, field: str | None, filters: Mapping[str, str], since: datetime
) -> dict[Any, int]:
    """Partners per group whose kept last activity (stage move, feedback, KPI entry or touchpoint) is in the
    window: the same test as the program's active count, on the (team_id, archived, last_activity_at) index."""
    group = _column(field) if field else None
    count = func.count()
    query = select(group, count) if group is not None else select(count)
    query = _scoped(query.select_from(Partner), team_id, filters).where(col(Partner.last_activity_at) >= since)
    if group is not None:
        query = query.group_by(group)
    return {row[0] if group is not None else None: int(row[-1]) for row in session.execute(query).all()}


def satisfaction(
    *, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]
) -> dict[Any, tuple[Decimal | None, int, int, int]]:
    """Per group: average CSAT, and NPS promoters, detractors and answers (counted in SQL)."""
    group = _column(field) if field else None
    aggregates = (
        func.avg(Feedback.csat),
        func.sum(case((col(Feedback.nps) >= 9, 1), else_=0)),
        func.sum(case((col(Feedback.nps) <= 6, 1), else_=0)),
        func.count(Feedback.nps),
    )
    columns = [c for c in (group, *aggregates) if c is not None]
    query = _scoped(select(*columns).join(Partner, col(Partner.id) == col(Feedback.partner_id)), team_id, filters)
    query = query.where(Feedback.team_id == team_id)
    if group is not None:
        query = query.group_by(group)
    result: dict[Any, tuple[Decimal | None, int, int, int]] = {}
    for row in session.execute(query).all():
        average, promoters, detractors, answers = row[-4:]
        csat = None if average is None else Decimal(str(average)).quantize(Decimal("0.1"))
        result[row[0] if group is not None else None] = (csat, int(promoters or 0), int(detractors or 0), int(answers))
    return result
