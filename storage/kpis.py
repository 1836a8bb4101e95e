"""Queries on KPI values: entries, their undo, and sums over periods."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from storage import activity, dated_activity
from storage import kpi_rollups as rollups
from storage.audit import record
from storage.registrations import registered_between
from storage.tables import KpiDay, KpiValue, Partner


def add_kpi_entry(
    *, session: Session, partner: Partner, values: Mapping[str, Decimal], on_date: date, now: datetime, user: str
) -> str:
    """Stores one entry (several metrics at once) and returns its id, which undo removes as a whole."""
    assert partner.id is not None
    entry_id = str(uuid.uuid4())
    session.add_all(
        KpiValue(
            team_id=partner.team_id,
            partner_id=partner.id,
            entry_id=entry_id,
            metric=metric,
            value=value,
            on_date=on_date,
            recorded_at=now,
            recorded_by=user,
        )
        for metric, value in values.items()
    )
    changes = [(on_date, metric, Decimal(value), 1) for metric, value in values.items()]
    rollups.apply(session, team_id=partner.team_id, partner_id=partner.id, changes=changes, days=not partner.archived)
    activity.touch(session, [(partner.id, activity.KPI, now)])
    dated_activity.touch_days(session, [(partner.id, on_date)])
    return entry_id


def last_entry(*, session: Session, partner: Partner, user: str) -> list[KpiValue]:
    """The values of the newest entry `user` made for `partner` (empty when there is none)."""
    newest = (
        select(KpiValue.entry_id)
        .where(KpiValue.team_id == partner.team_id, KpiValue.partner_id == partner.id, KpiValue.recorded_by == user)
        .order_by(col(KpiValue.recorded_at).desc(), col(KpiValue.id).desc())
        .limit(1)
    )
    entry_id = session.exec(newest).first()
    if entry_id is None:
        return []
    return list(session.exec(select(KpiValue).where(KpiValue.entry_id == entry_id).order_by(col(KpiValue.id))).all())


def delete_entry(*, session: Session, team_id: str, entry_id: str) -> None:
    values = session.exec(select(KpiValue).where(KpiValue.team_id == team_id, KpiValue.entry_id == entry_id)).all()
    if values:
        partner = session.get(Partner, values[0].partner_id)
        changes = [(value.on_date, value.metric, -Decimal(value.value), -1) for value in values]
        active = partner is not None and not partner.archived
        rollups.apply(session, team_id=team_id, partner_id=values[0].partner_id, changes=changes, days=active)
        undone = {**{value.metric: value.value for value in values}, "on_date": values[0].on_date}
        record(session, team_id=team_id, kind="kpi.undone", partner_id=values[0].partner_id, before=undone)
    session.execute(delete(KpiValue).where(col(KpiValue.team_id) == team_id, col(KpiValue.entry_id) == entry_id))
    if values:
        activity.recompute(session, [values[0].partner_id])


def totals(
    *,
    session: Session,
    team_id: str,
    partner_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> dict[str, Decimal]:
    """Sum per metric over [start, end), for one partner or the whole team (archived partners excluded); the
    team's from the kept daily sums, a row per day and metric, not from every KPI value."""
    if partner_id is None:
        return _team_totals(session=session, team_id=team_id, start=start, end=end)
    query = (
        select(KpiValue.metric, func.sum(KpiValue.value))
        .join(Partner, col(Partner.id) == col(KpiValue.partner_id))
        .where(KpiValue.team_id == team_id, col(Partner.archived).is_(False))
        .group_by(KpiValue.metric)
    )
    if partner_id is not None:
        query = query.where(KpiValue.partner_id == partner_id)
    if start is not None:
        query = query.where(KpiValue.on_date >= start)
    if end is not None:
        query = query.where(KpiValue.on_date < end)
    return {metric: Decimal(total) for metric, total in session.exec(query).all()}


def _team_totals(*, session: Session, team_id: str, start: date | None, end: date | None) -> dict[str, Decimal]:
    query = (
        select(KpiDay.metric, func.sum(KpiDay.total))
        .where(KpiDay.team_id == team_id)
        .group_by(KpiDay.metric)
        .having(func.sum(KpiDay.value_count) > 0)
    )
    if start is not None:
        query = query.where(KpiDay.day >= start)
    if end is not None:
        query = query.where(KpiDay.day < end)
    return {metric: Decimal(total) for metric, total in session.exec(query).all()}


def top_partners_by_metric(
    *, session: Session, team_id: str, metric: str, start: date | None, end: date | None, limit: int = 5
) -> list[tuple[str, Decimal]]:
    total = func.sum(KpiValue.value).label("total")
    query = (
        select(Partner.name, total)
        .join(Partner, col(Partner.id) == col(KpiValue.partner_id))
        .where(KpiValue.team_id == team_id, KpiValue.metric == metric, col(Partner.archived).is_(False))
        .group_by(Partner.name)
        .order_by(total.desc(), Partner.name)
        .limit(limit)
    )
    if start is not None:
        query = query.where(KpiValue.on_date >= start)
    if end is not None:
        query = query.where(KpiValue.on_date < end)
    return [(name, Decimal(value)) for name, value in session.exec(query).all() if value]


def count_registered(*, session: Session, team_id: str, start: datetime, end: datetime) -> int:
    """Partners that entered the journey in [start, end): their first history row falls in the period (from
    the kept registrations per day, `storage.registrations`)."""
    return registered_between(session=session, team_id=team_id, start=start, end=end)
