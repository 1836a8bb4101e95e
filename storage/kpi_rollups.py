"""KPI sums kept as they change: per workspace and month over active partners, and per partner all time.

Every change to KPI values or to a partner's archived flag passes its difference through `apply`, in
the same transaction, so the program dashboard reads a few rows instead of every KPI value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from storage.tables import KpiMonth, KpiPartnerTotal, KpiValue, Partner

Change = tuple[date, str, Decimal, int]
"""(day the figure is for, metric, amount to add, values added: negative to take away)."""


def _upsert(session: Session | Connection, table: Any, keys: tuple[str, ...], rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name if isinstance(session, Session) else session.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table)
    added = {name: table.c[name] + statement.excluded[name] for name in ("total", "value_count") if name in table.c}
    session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=added), rows)


def apply(
    session: Session | Connection,
    *,
    team_id: str,
    partner_id: int,
    changes: Iterable[Change],
    months: bool = True,
    partner_totals: bool = True,
) -> None:
    """Adds the changes to the monthly sums (`months`: the partner is active) and to the partner's totals."""
    by_month: dict[tuple[date, str], list[Any]] = defaultdict(lambda: [Decimal(0), 0])
    by_metric: dict[str, Decimal] = defaultdict(Decimal)
    for day, metric, amount, count in changes:
        month = by_month[(day.replace(day=1), metric)]
        month[0] += amount
        month[1] += count
        by_metric[metric] += amount
    if months:
        rows = [
            {"team_id": team_id, "month": m, "metric": k, "total": t, "value_count": n}
            for (m, k), (t, n) in by_month.items()
        ]
        _upsert(session, KpiMonth.__table__, ("team_id", "month", "metric"), rows)  # type: ignore[attr-defined]
    if partner_totals:
        rows = [{"team_id": team_id, "partner_id": partner_id, "metric": k, "total": t} for k, t in by_metric.items()]
        _upsert(session, KpiPartnerTotal.__table__, ("partner_id", "metric"), rows)  # type: ignore[attr-defined]


def partner_changes(session: Session, partner_id: int, sign: int = 1) -> list[Change]:
    """A partner's figures by day and metric (for archiving: its share of the monthly sums)."""
    query = (
        select(KpiValue.on_date, KpiValue.metric, func.sum(KpiValue.value), func.count())
        .where(KpiValue.partner_id == partner_id)
        .group_by(KpiValue.on_date, KpiValue.metric)
    )
    rows = session.execute(query).all()
    return [(day, metric, sign * Decimal(total), sign * count) for day, metric, total, count in rows]


def set_archived(session: Session, partner: Partner, archived: bool) -> None:
    """Takes an archived partner's figures out of the monthly sums, or puts a restored one's back."""
    assert partner.id is not None
    changes = partner_changes(session, partner.id, -1 if archived else 1)
    apply(session, team_id=partner.team_id, partner_id=partner.id, changes=changes, partner_totals=False)


def monthly_totals(*, session: Session, team_id: str, start: date | None, end: date | None) -> dict[str, Decimal]:
    """Sum per metric over the months in [start, end) (both first days of a month, or None for open)."""
    query = select(KpiMonth.metric, func.sum(KpiMonth.total), func.sum(KpiMonth.value_count))
    query = query.where(KpiMonth.team_id == team_id)
    if start is not None:
        query = query.where(KpiMonth.month >= start)
    if end is not None:
        query = query.where(KpiMonth.month < end)
    rows = session.execute(query.group_by(KpiMonth.metric)).all()
    return {metric: Decimal(total) for metric, total, count in rows if count}


def top_partners(*, session: Session, team_id: str, metric: str, limit: int = 5) -> list[tuple[str, Decimal]]:
    query = (
        select(Partner.name, KpiPartnerTotal.total)
        .join(Partner, col(Partner.id) == col(KpiPartnerTotal.partner_id))
        .where(
            KpiPartnerTotal.team_id == team_id,
            KpiPartnerTotal.metric == metric,
            col(Partner.archived).is_(False),
            KpiPartnerTotal.total > 0,
        )
        .order_by(col(KpiPartnerTotal.total).desc(), Partner.name)
        .limit(limit)
    )
    return [(name, Decimal(total)) for name, total in session.execute(query).all()]


def rebuild(connection: Connection, team_id: str | None = None) -> None:
    """Recomputes both sums from the KPI values (the migration, and bulk-loaded data)."""
    where = [] if team_id is None else [KpiValue.team_id == team_id]
    keys = (KpiValue.team_id, KpiValue.partner_id, Partner.archived, KpiValue.on_date, KpiValue.metric)
    query = (
        select(*keys, func.sum(KpiValue.value), func.count())
        .join(Partner, col(Partner.id) == col(KpiValue.partner_id))
        .where(*where)
        .group_by(*keys)
    )
    months: dict[tuple[str, date, str], list[Any]] = defaultdict(lambda: [Decimal(0), 0])
    totals: dict[tuple[str, int, str], Decimal] = defaultdict(Decimal)
    for team, partner_id, archived, day, metric, total, count in connection.execute(query):
        if not archived:
            month = months[(team, day.replace(day=1), metric)]
            month[0] += Decimal(total)
            month[1] += count
        totals[(team, partner_id, metric)] += Decimal(total)
    month_rows = [
        {"team_id": t, "month": m, "metric": k, "total": v, "value_count": n} for (t, m, k), (v, n) in months.items()
    ]
    total_rows = [{"team_id": t, "partner_id": p, "metric": k, "total": v} for (t, p, k), v in totals.items()]
    for table, rows in ((KpiMonth.__table__, month_rows), (KpiPartnerTotal.__table__, total_rows)):  # type: ignore[attr-defined]
        connection.execute(table.delete() if team_id is None else table.delete().where(table.c.team_id == team_id))
        for start in range(0, len(rows), 10_000):
            connection.execute(table.insert(), rows[start : start + 10_000])
