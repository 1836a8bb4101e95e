"""`/partner kpis by GROUP [FIELD=VALUE]` and `/partner kpis FIELD=VALUE [FIELD=VALUE]` from the kept per-group
tallies: a few rows per group instead of an aggregate over every partner, KPI total and answer. A grouping with
a filter on another field, or two filters, reads the tallies of that pair of fields (`type+stage`), whose values
are the two values joined by `group_tally_sql.SEPARATOR`. (`storage.breakdowns` computes the same figures from
scratch, and still serves more filters than that, bounded by the filters.)

The functions take the arguments of their `storage.breakdowns` namesakes and answer the same dictionaries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
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
    """A grouping with at most one filter, or one or two filters, each with a value, is one set of tally rows
    (a field's or a pair of fields')."""
    if not all(filters.values()):
        return False
    return len(filters) <= 1 if field is not None else 1 <= len(filters) <= 2


@dataclass(frozen=True)
class _Pick:
    """The tally rows a breakdown reads: the tally `field`, and either the `value` of the one group the filters
    pick (no grouping), or the conditions on the values of the groups (`match`) and how a stored value reads
    as the grouping's key (`key`; None for "not set")."""

    field: str
    value: str | None = None
    match: tuple[Any, ...] = ()
    unset: Any = None
    key: Callable[[str], Any] = lambda stored: stored or None


def _pick(table: Any, field: str | None, filters: Mapping[str, str]) -> _Pick:
    if field is None:
        if len(filters) == 1:
            ((name, value),) = filters.items()
            return _Pick(name, value)
        (one, one_value), (other, other_value) = filters.items()
        pair, first = sql.pair_field(one, other)
        values = (one_value, other_value) if first else (other_value, one_value)
        return _Pick(pair, sql.SEPARATOR.join(values))
    if not filters:
        return _Pick(field, unset=table.value == sql.NONE)
    ((name, value),) = filters.items()
    if name == field:
        return _Pick(field, match=(table.value == value,), unset=False)
    pair, grouped_first = sql.pair_field(field, name)
    width = len(value) + 1
    if grouped_first:
        suffix = sql.SEPARATOR + value
        return _Pick(
            pair, match=(func.substr(table.value, func.length(table.value) - len(value)) == suffix,),
            unset=table.value == suffix, key=lambda stored: stored[:-width] or None,
        )
    prefix = value + sql.SEPARATOR
    return _Pick(
        pair, match=(func.substr(table.value, 1, width) == prefix,), unset=table.value == prefix,
        key=lambda stored: stored[width:] or None,
    )


def _largest(session: Session, team_id: str, field: str | None, filters: Mapping[str, str]) -> Any:
    """The stored values of the largest groups (ties in the order the from-scratch query gives: NULL first on
    SQLite, last on PostgreSQL), at most MAX_GROUPS."""
    pick = _pick(GroupTally, field, filters)
    nulls_last = session.get_bind().dialect.name == "postgresql"
    return (
        select(GroupTally.value)
        .where(GroupTally.team_id == team_id, GroupTally.field == pick.field, *pick.match, GroupTally.partners > 0)
        .order_by(
            col(GroupTally.partners).desc(), case((pick.unset, 1 if nulls_last else 0), else_=0 if nulls_last else 1),
            GroupTally.value,
        )
        .limit(MAX_GROUPS)
    )


def _where(
    table: Any, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]
) -> tuple[_Pick, list[Any]]:
    """The tally rows of the one group the filters pick, or of the largest groups."""
    pick = _pick(table, field, filters)
    where = [table.team_id == team_id, table.field == pick.field]
    if pick.value is not None:
        return pick, [*where, table.value == pick.value]
    largest = _largest(session, team_id, field, filters).scalar_subquery()
    return pick, [*where, col(table.value).in_(largest)]


def _group(pick: _Pick, stored: str) -> Any:
    return None if pick.value is not None else pick.key(stored)


def partner_counts(*, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]) -> dict[Any, int]:
    """Partners per group, the largest first, at most MAX_GROUPS of them."""
    pick = _pick(GroupTally, field, filters)
    if pick.value is not None:
        query = select(GroupTally.partners).where(
            GroupTally.team_id == team_id, GroupTally.field == pick.field, GroupTally.value == pick.value
        )
        return {None: int(session.execute(query).scalar() or 0)}
    largest = _largest(session, team_id, field, filters).add_columns(GroupTally.partners)
    return {pick.key(v): int(n) for v, n in session.execute(largest).all()}


def kpi_totals(
    *, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]
) -> dict[Any, dict[str, Decimal]]:
    pick, where = _where(GroupKpiTally, session, team_id, field, filters)
    query = select(GroupKpiTally.value, GroupKpiTally.metric, GroupKpiTally.total).where(
        *where, GroupKpiTally.totals > 0
    )
    totals: dict[Any, dict[str, Decimal]] = {}
    for group, metric, total in session.execute(query).all():
        totals.setdefault(_group(pick, group), {})[metric] = Decimal(total)
    return totals


def satisfaction(
    *, session: Session, team_id: str, field: str | None, filters: Mapping[str, str]
) -> dict[Any, tuple[Decimal | None, int, int, int]]:
    """Per group: average CSAT (to a tenth, as the from-scratch average rounds), and NPS promoters,
    detractors and answers."""
    tally = GroupTally
    pick, where = _where(tally, session, team_id, field, filters)
    query = select(
        tally.value, tally.csat_sum, tally.csat_answers, tally.promoters, tally.detractors, tally.nps_answers
    ).where(*where, tally.partners > 0)
    result: dict[Any, tuple[Decimal | None, int, int, int]] = {}
    for group, csat_sum, csat_answers, promoters, detractors, answers in session.execute(query).all():
        csat = (Decimal(csat_sum) / Decimal(csat_answers)).quantize(Decimal("0.1")) if csat_answers else None
        result[_group(pick, group)] = (csat, int(promoters), int(detractors), int(answers))
    return result


def active_counts(
    *, session: Session, team_id: str, field: str | None, filters: Mapping[str, str], since: datetime
) -> dict[Any, int]:
    """Partners per group whose last activity is at or after `since`: the kept counts of the days after its
    UTC day, plus the partners of that day at or after `since` counted from their rows (one day of the
    (team_id, archived, last_activity_at) index)."""
    grouped = field if field != sql.PROGRAM else None
    pick, where = _where(GroupActivityDay, session, team_id, field, filters)
    first = since.astimezone(UTC).date()
    after = datetime.combine(first + timedelta(days=1), time(), tzinfo=UTC)
    days = (
        select(GroupActivityDay.value, func.sum(GroupActivityDay.partners))
        .where(*where, GroupActivityDay.day > first)
        .group_by(GroupActivityDay.value)
    )
    counts: dict[Any, int] = {}
    for group, partners in session.execute(days).all():
        if partners:
            key = None if grouped is None else _group(pick, group)
            counts[key] = counts.get(key, 0) + int(partners)
    column = getattr(Partner, grouped) if grouped is not None else None
    boundary = select(column, func.count()) if column is not None else select(func.count())
    boundary = boundary.select_from(Partner).where(
        Partner.team_id == team_id, col(Partner.archived).is_(False),
        col(Partner.last_activity_at) >= since, col(Partner.last_activity_at) < after,
        *(getattr(Partner, name) == value for name, value in filters.items()),
    )
    if column is not None:
        boundary = boundary.group_by(column)
    for row in session.execute(boundary).all():
        group = row[0] if column is not None else None
        if row[-1]:
            counts[group] = counts.get(group, 0) + int(row[-1])
    return counts if grouped is not None else {None: counts.get(None, 0)}


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
    """Creates the triggers and fills the tallies (the migration's upgrade). On PostgreSQL the filled tables are
    analysed at once: until autovacuum comes, the planner took them for empty and read every day of a
    grouping's groups rather than probing the few it was asked for."""
    triggers.create(connection)
    fill(connection)
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"ANALYZE {', '.join(TABLES)}"))


def uninstall(connection: Connection) -> None:
    triggers.drop(connection)
