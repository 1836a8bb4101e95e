"""KPI sums kept as they change: per workspace and day over active partners, and per partner all time.

Every change to KPI values or to a partner's archived flag passes its difference through `apply`, in
the same transaction, so the program dashboard reads a few rows instead of every KPI value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from storage.tables import KpiDay, KpiPartnerTotal, KpiValue, Partner

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
    days: bool = True,
    partner_totals: bool = True,
) -> None:
    """Adds the changes to the daily sums (`days`: the partner is active) and to the partner's totals."""
    by_day: dict[tuple[date, str], list[Any]] = defaultdict(lambda: [Decimal(0), 0])
    by_metric: dict[str, Decimal] = defaultdict(Decimal)
    for day, metric, amount, count in changes:
        sums = by_day[(day, metric)]
        sums[0] += amount
        sums[1] += count
        by_metric[metric] += amount
    if days:
        rows = [
            {"team_id": team_id, "day": d, "metric": k, "total": t, "value_count": n}
            for (d, k), (t, n) in by_day.items()
        ]
        _upsert(session, KpiDay.__table__, ("team_id", "day", "metric"), rows)  # type: ignore[attr-defined]
    if partner_totals:
        rows = [{"team_id": team_id, "partner_id": partner_id, "metric": k, "total": t} for k, t in by_metric.items()]
        _upsert(session, KpiPartnerTotal.__table__, ("partner_id", "metric"), rows)  # type: ignore[attr-defined]


def partner_changes(session: Session, partner_id: int, sign: int = 1) -> list[Change]:
    """A partner's figures by day and metric (for archiving: its share of the daily sums)."""
    query = (
        select(KpiValue.on_date, KpiValue.metric, func.sum(KpiValue.value), func.count())
        .where(KpiValue.partner_id == partner_id)
        .group_by(KpiValue.on_date, KpiValue.metric)
    )
    rows = session.execute(query).all()
    return [(day, metric, sign * Decimal(total), sign * count) for day, metric, total, count in rows]


def set_archived(session: Session, partner: Partner, archived: bool) -> None:
    """Takes an archived partner's figures out of the daily sums, or puts a restored one's back."""
    assert partner.id is not None
    changes = partner_changes(session, partner.id, -1 if archived else 1)
    apply(session, team_id=partner.team_id, partner_id=partner.id, changes=changes, partner_totals=False)


def period_totals(*, session: Session, team_id: str, start: date | None, end: date | None) -> dict[str, Decimal]:
    """Sum per metric over the days in [start, end) (None: open), active partners only."""
    query = select(KpiDay.metric, func.sum(KpiDay.total), func.sum(KpiDay.value_count))
    query = query.where(KpiDay.team_id == team_id)
    if start is not None:
        query = query.where(KpiDay.day >= start)
    if end is not None:
        query = query.where(KpiDay.day < end)
    rows = session.execute(query.group_by(KpiDay.metric)).all()
    return {metric: Decimal(total) for metric, total, count in rows if count}


def daily_totals(*, session: Session, team_id: str, start: date, end: date) -> list[tuple[date, str, Decimal]]:
    """(day, metric, sum) for [start, end), active partners only: what `storage.digest.daily_kpis` sums."""
    query = select(KpiDay.day, KpiDay.metric, KpiDay.total).where(
        KpiDay.team_id == team_id, KpiDay.day >= start, KpiDay.day < end, KpiDay.value_count > 0
    )
    return [(day, metric, Decimal(total)) for day, metric, total in session.execute(query).all()]


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


REBUILD = (
    "DELETE FROM kpi_day WHERE team_id = :team",
    "DELETE FROM kpi_partner_total WHERE team_id = :team",
    "INSERT INTO kpi_day (team_id, day, metric, total, value_count)"
    " SELECT k.team_id, k.on_date, k.metric, SUM(k.value), COUNT(*) FROM kpi_value k"
    " JOIN partner p ON p.id = k.partner_id WHERE k.team_id = :team AND p.archived = false"
    " GROUP BY k.team_id, k.on_date, k.metric",
    "INSERT INTO kpi_partner_total (team_id, partner_id, metric, total)"
    " SELECT team_id, partner_id, metric, SUM(value) FROM kpi_value WHERE team_id = :team"
    " GROUP BY team_id, partner_id, metric",
)


def rebuild(connection: Connection, team_id: str) -> None:
    """Recomputes a workspace's sums from its KPI values in SQL (after a bulk load)."""
    for statement in REBUILD:
        connection.execute(text(statement), {"team": team_id})
