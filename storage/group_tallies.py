"""`/partner kpis by GROUP` and `/partner kpis FIELD=VALUE` from the kept per-group tallies: a few rows per
group instead of an aggregate over every partner, KPI total and answer (`storage.breakdowns` computes the same
figures from scratch, and still serves a grouping with filters or several filters, bounded by the filter).

The functions take the arguments of their `storage.breakdowns` namesakes and answer the same dictionaries.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, case, func, text
from sqlmodel import Session, col, select

from storage import group_tally_sql as sql
from storage import group_tally_triggers as triggers
from storage.breakdowns import MAX_GROUPS
from storage.group_tables import GroupActivityDay, GroupKpiTally, GroupTally
from storage.tables import Partner

TABLES = ("group_tally", "group_kpi_tally", "group_activity_day", "registration_day")


def serves(field: str | None, filters: Mapping[str, str]) -> bool:
    """A grouping without filters, or one filter with a value, is one set of tally rows."""
    if field is not None:
        return not filters
    return len(filters) == 1 and all(filters.values())


def _picked(field: str | None, filters: Mapping[str, str]) -> tuple[str, str | None]:
    """The tally's field, and the value when one filter picks one group."""
    if field is not None:
        return field, None
    ((name, value),) = filters.items()
    return name, value


def _key(field: str | None, value: str) -> str | None:
    return None if field is None or value == sql.NONE else value


def _largest(session: Session, team_id: str, field: str) -> Any:
    """The values of the field's largest groups (ties in the order the from-scratch query gives: NULL
    first on SQLite, last on PostgreSQL), at most MAX_GROUPS."""
    unset = GroupTally.value == sql.NONE
    nulls_last = session.get_bind().dialect.name == "postgresql"
    return (
        select(GroupTally.value)
        .where(*_where(GroupTally, team_id, field, None), GroupTally.partners > 0)
        .order_by(
            col(GroupTally.partners).desc(), case((unset, 1 if nulls_last else 0), else_=0 if nulls_last else 1),
            GroupTally.value,
        )
        .limit(MAX_GROUPS)
    )


def _where(table: Any, team_id: str, field: str, value: str | None, session: Session | None = None) -> list[Any]:
    """The tally rows of one group (`value`), or of the field's largest groups (given a session)."""
    where = [table.team_id == team_id, table.field == field]
    if value is not None:
        return [*where, table.value == value]
    if session is not None:
        return [*where, col(table.value).in_(_largest(session, team_id, field).scalar_subquery())]
    return where


def partner_counts(*, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]) -> dict[Any, int]:
    """Partners per group, the largest first, at most MAX_GROUPS of them."""
    name, value = _picked(field, filters)
    if value is not None:
        query = select(GroupTally.partners).where(*_where(GroupTally, team_id, name, value))
        return {None: int(session.execute(query).scalar() or 0)}
    largest = _largest(session, team_id, name).add_columns(GroupTally.partners)
    return {_key(field, v): int(n) for v, n in session.execute(largest).all()}


def kpi_totals(
    *, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]
) -> dict[Any, dict[str, Decimal]]:
    name, value = _picked(field, filters)
    query = select(GroupKpiTally.value, GroupKpiTally.metric, GroupKpiTally.total).where(
        *_where(GroupKpiTally, team_id, name, value, session), GroupKpiTally.totals > 0
    )
    totals: dict[Any, dict[str, Decimal]] = {}
    for group, metric, total in session.execute(query).all():
        totals.setdefault(_key(field, group), {})[metric] = Decimal(total)
    return totals


def satisfaction(
    *, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]
) -> dict[Any, tuple[Decimal | None, int, int, int]]:
    """Per group: average CSAT (to a tenth, as the from-scratch average rounds), and NPS promoters,
    detractors and answers."""
    name, value = _picked(field, filters)
    tally = GroupTally
    query = select(
        tally.value, tally.csat_sum, tally.csat_answers, tally.promoters, tally.detractors, tally.nps_answers
    ).where(*_where(tally, team_id, name, value, session), tally.partners > 0)
    result: dict[Any, tuple[Decimal | None, int, int, int]] = {}
    for group, csat_sum, csat_answers, promoters, detractors, answers in session.execute(query).all():
        csat = (Decimal(csat_sum) / Decimal(csat_answers)).quantize(Decimal("0.1")) if csat_answers else None
        result[_key(field, group)] = (csat, int(promoters), int(detractors), int(answers))
    return result


def active_counts(
    *, session: Session, team_id: str, field: str | None, filters: Mapping[str, str], since: datetime
) -> dict[Any, int]:
    """Partners per group whose last activity is at or after `since`: the kept counts of the days after its
    UTC day, plus the partners of that day at or after `since` counted from their rows (one day of the
    (team_id, archived, last_activity_at) index)."""
    name, value = _picked(field, filters)
    first = since.astimezone(UTC).date()
    after = datetime.combine(first + timedelta(days=1), time(), tzinfo=UTC)
    days = (
        select(GroupActivityDay.value, func.sum(GroupActivityDay.partners))
        .where(*_where(GroupActivityDay, team_id, name, value, session), GroupActivityDay.day > first)
        .group_by(GroupActivityDay.value)
    )
    counts: dict[Any, int] = {}
    for group, partners in session.execute(days).all():
        if partners:
            counts[_key(field, group)] = int(partners)
    column = getattr(Partner, name) if name != sql.PROGRAM else None
    boundary = select(column, func.count()) if column is not None else select(func.count())
    boundary = boundary.select_from(Partner).where(
        Partner.team_id == team_id, col(Partner.archived).is_(False),
        col(Partner.last_activity_at) >= since, col(Partner.last_activity_at) < after,
    )
    if column is not None and value is not None:
        boundary = boundary.where(column == value)
    if column is not None:
        boundary = boundary.group_by(column)
    for row in session.execute(boundary).all():
        group = _key(field, row[0] if column is not None and field is not None else sql.NONE)
        if row[-1]:
            counts[group] = counts.get(group, 0) + int(row[-1])
    return counts if field is not None else {None: counts.get(None, 0)}


def active_partners(*, session: Session, team_id: str, since: datetime) -> int:
    """The program's partners (not archived) whose last activity is at or after `since`."""
    counts = active_counts(session=session, team_id=team_id, field=sql.PROGRAM, filters={}, since=since)
    return counts.get(None, 0)


def fill(connection: Connection) -> None:
    """Counts every workspace's tallies from its partners, answers and KPI totals (set-based SQL)."""
    dialect = connection.dialect.name
    for table in TABLES:
        connection.execute(text(f"DELETE FROM {table}"))
    for statement in (
        sql.insert("group_tally", sql.partners("partner")),
        sql.add("group_tally", sql.answers("feedback")),
        sql.insert("group_kpi_tally", sql.kpi_totals("kpi_partner_total")),
        sql.insert("group_activity_day", sql.activity_days(dialect, "partner")),
        sql.insert("registration_day", sql.registrations(dialect, "stage_move")),
    ):
        connection.execute(text(statement))


def install(connection: Connection) -> None:
    """Creates the triggers and fills the tallies (the migration's upgrade)."""
    triggers.create(connection)
    fill(connection)


def uninstall(connection: Connection) -> None:
    triggers.drop(connection)
