"""The SQL that keeps the per-group tallies (`storage.group_tallies`), written once for SQLite and PostgreSQL.

A partner counts in one group per grouping field (its type, size, …, alliance; NULL is kept as '') and in the
whole program (field 'all', value ''). Each statement here takes a set of rows — a trigger's OLD or NEW row, a
PostgreSQL transition table, or a whole table for the fill — crosses it with the eight fields, and adds the
figures to the tallies or takes them away (or both at once, for a move), in one upsert.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from domain.breakdowns import GROUPINGS

PAIRS: tuple[tuple[str, str], ...] = tuple(
    (first, second) for index, first in enumerate(GROUPINGS) for second in GROUPINGS[index + 1:]
)
"""Every two grouping fields, in the order of GROUPINGS: a partner also counts in the group of its pair of values
(`kpis by type stage=support`, `kpis type=reseller owner=@anna`)."""
PAIR_JOIN = "+"
SEPARATOR = "\x1f"
"""Between the two values of a pair (the unit separator: no profile value holds it, and it sorts before any
printable character, so pairs sort as their first values, then their second)."""
FIELDS: tuple[str, ...] = (*GROUPINGS, "all", *(f"{first}{PAIR_JOIN}{second}" for first, second in PAIRS))
PROGRAM = "all"
NONE = ""
"""The stored value of a field that is not set (no profile value is ever empty: `clean_value` makes it None)."""


def pair_field(one: str, other: str) -> tuple[str, bool]:
    """The tally field of two grouping fields, and whether `one` is its first value."""
    first = GROUPINGS.index(one) < GROUPINGS.index(other)
    return (f"{one}{PAIR_JOIN}{other}" if first else f"{other}{PAIR_JOIN}{one}"), first


def _pair_value(first: str, second: str) -> str:
    return f"COALESCE(p.{first}, '') || '{SEPARATOR}' || COALESCE(p.{second}, '')"


def _pair_moved(dialect: str, first: str, second: str) -> str:
    return f"({distinct(dialect, f'o.{first}', f'n.{first}')} OR {distinct(dialect, f'o.{second}', f'n.{second}')})"


PARTNER_COLUMNS = ("id", "team_id", "archived", *GROUPINGS, "last_activity_at")
TALLY = ("partners", "csat_sum", "csat_answers", "promoters", "detractors", "nps_answers")
SAID = (
    "COALESCE(SUM(f.csat), 0)",
    "COUNT(f.csat)",
    "COALESCE(SUM(CASE WHEN f.nps >= 9 THEN 1 ELSE 0 END), 0)",
    "COALESCE(SUM(CASE WHEN f.nps <= 6 THEN 1 ELSE 0 END), 0)",
    "COUNT(f.nps)",
)


def _groups(fields: tuple[str, ...]) -> str:
    return "(" + " UNION ALL ".join(f"SELECT '{field}' AS field" for field in fields) + ")"


def _value(pairs: tuple[tuple[str, str], ...]) -> str:
    return (
        "CASE g.field "
        + " ".join(f"WHEN '{field}' THEN COALESCE(p.{field}, '')" for field in GROUPINGS)
        + "".join(f" WHEN '{first}{PAIR_JOIN}{second}' THEN {_pair_value(first, second)}" for first, second in pairs)
        + " ELSE '' END"
    )


GROUPS = _groups(FIELDS)
VALUE = _value(PAIRS)



@contextmanager
def without_pairs() -> Iterator[None]:
    """The statements of migration 0019 (single fields only), for 0019 itself and the downgrade of 0022: they
    are built from these module names when called."""
    global FIELDS, GROUPS, PAIRS, VALUE
    kept = FIELDS, GROUPS, PAIRS, VALUE
    FIELDS, PAIRS = (*GROUPINGS, PROGRAM), ()
    GROUPS = _groups(FIELDS)
    VALUE = _value(PAIRS)
    try:
        yield
    finally:
        FIELDS, GROUPS, PAIRS, VALUE = kept

def distinct(dialect: str, left: str, right: str) -> str:
    return f"{left} IS NOT {right}" if dialect == "sqlite" else f"{left} IS DISTINCT FROM {right}"


def day(dialect: str, moment: str) -> str:
    """The UTC day of a stored instant (SQLite keeps naive UTC text)."""
    return f"date({moment})" if dialect == "sqlite" else f"CAST(({moment} AT TIME ZONE 'UTC') AS date)"


def record(row: str, columns: tuple[str, ...] = PARTNER_COLUMNS) -> str:
    """A trigger's OLD or NEW row as a one-row table."""
    return "(SELECT " + ", ".join(f"{row}.{column} AS {column}" for column in columns) + ")"


def any_moved(dialect: str, old: str = "OLD", new: str = "NEW", *, activity: bool = True) -> str:
    """Whether an updated partner moved in any tally: a field, the archived flag or the day of its last
    activity (`activity`) changed."""
    columns = ["team_id", "archived", *GROUPINGS]
    changes = [distinct(dialect, f"{old}.{column}", f"{new}.{column}") for column in columns]
    if activity:
        last = "last_activity_at"
        changes.append(distinct(dialect, day(dialect, f"{old}.{last}"), day(dialect, f"{new}.{last}")))
    return "(" + " OR ".join(changes) + ")"


def moved(dialect: str, *, activity: bool = False) -> str:
    """Whether field `g.field` moved the updated partner (pair `o`, `n`) to another group, or in or out of the
    tallies; with `activity`, also whether its last activity moved to another day."""
    changes = [distinct(dialect, f"o.{column}", f"n.{column}") for column in ("team_id", "archived")]
    if activity:
        changes.append(distinct(dialect, day(dialect, "o.last_activity_at"), day(dialect, "n.last_activity_at")))
    per_field = " ".join(f"WHEN '{f}' THEN {distinct(dialect, f'o.{f}', f'n.{f}')}" for f in GROUPINGS) + "".join(
        f" WHEN '{first}{PAIR_JOIN}{second}' THEN {_pair_moved(dialect, first, second)}" for first, second in PAIRS
    )
    return "(" + " OR ".join([*changes, f"CASE g.field {per_field} ELSE 1 = 0 END"]) + ")"


def value(alias: str) -> str:
    return VALUE.replace("p.", f"{alias}.")


# Selections of (team_id, field, value, figures…) from a set of partners, answers or KPI totals


def partners(source: str, where: str = "1 = 1") -> str:
    return (
        f"SELECT p.team_id AS team_id, g.field AS field, {VALUE} AS value, COUNT(*) AS partners,"
        " 0 AS csat_sum, 0 AS csat_answers, 0 AS promoters, 0 AS detractors, 0 AS nps_answers"
        f" FROM {source} p CROSS JOIN {GROUPS} g WHERE NOT p.archived AND {where} GROUP BY 1, 2, 3"
    )


def answers(source: str) -> str:
    """Answers summed per partner first, then per group (a row per partner and field, not per answer)."""
    said = ", ".join(f"{sql} AS {name}" for sql, name in zip(SAID, TALLY[1:], strict=True))
    summed = ", ".join(f"SUM(s.{name}) AS {name}" for name in TALLY[1:])
    return (
        f"SELECT p.team_id AS team_id, g.field AS field, {VALUE} AS value, 0 AS partners, {summed}"
        f" FROM (SELECT f.partner_id AS partner_id, {said} FROM {source} f GROUP BY f.partner_id) s"
        f" JOIN partner p ON p.id = s.partner_id CROSS JOIN {GROUPS} g WHERE NOT p.archived GROUP BY 1, 2, 3"
    )


def kpi_totals(source: str, partner: str = "partner", where: str = "1 = 1") -> str:
    return (
        f"SELECT p.team_id AS team_id, g.field AS field, {VALUE} AS value, k.metric AS metric,"
        " SUM(k.total) AS total, COUNT(*) AS totals"
        f" FROM {source} k JOIN {partner} p ON p.id = k.partner_id CROSS JOIN {GROUPS} g"
        f" WHERE NOT p.archived AND {where} GROUP BY 1, 2, 3, 4"
    )


def activity_days(dialect: str, source: str, where: str = "1 = 1") -> str:
    return (
        f"SELECT p.team_id AS team_id, g.field AS field, {VALUE} AS value,"
        f" {day(dialect, 'p.last_activity_at')} AS day, COUNT(*) AS partners"
        f" FROM {source} p CROSS JOIN {GROUPS} g"
        f" WHERE NOT p.archived AND p.last_activity_at IS NOT NULL AND {where} GROUP BY 1, 2, 3, 4"
    )


def registrations(dialect: str, source: str, partner: str = "partner") -> str:
    """Registrations (first stage moves) of active partners per workspace and UTC day."""
    return (
        f"SELECT m.team_id AS team_id, {day(dialect, 'm.moved_at')} AS day, COUNT(*) AS partners"
        f" FROM {source} m JOIN {partner} p ON p.id = m.partner_id"
        " WHERE m.from_stage IS NULL AND NOT p.archived GROUP BY 1, 2"
    )


# Updated partners. Paired (a SQLite row trigger): `source` joins the old row `o` to the new row `n` and only the
# fields that moved are counted. Unpaired (a PostgreSQL statement trigger): `source` holds one side only, every
# field is counted, and the netted upsert drops what did not change — joining two transition tables of 100,000
# rows each, which have no statistics and spill to disk, can turn into rescans of both.


def _only_moved(dialect: str, paired: bool, *, fields: bool = True, activity: bool = False) -> str:
    if not paired:
        return "1 = 1"
    moving = any_moved(dialect, "o", "n", activity=activity)
    return f"{moving} AND {moved(dialect, activity=activity)}" if fields else moving


def moved_partners(dialect: str, source: str, side: str, paired: bool) -> str:
    """The moved partners, each with all its answers' sums, in the groups of the fields that moved them."""
    said = ", ".join(f"{sql} AS {name}" for sql, name in zip(SAID, TALLY[1:], strict=True))
    summed = ", ".join(f"COALESCE(SUM(s.{name}), 0) AS {name}" for name in TALLY[1:])
    movers = f"SELECT {side}.id FROM {source} WHERE {_only_moved(dialect, paired, fields=False)}"
    return (
        f"SELECT {side}.team_id AS team_id, g.field AS field, {value(side)} AS value, COUNT(*) AS partners, {summed}"
        f" FROM {source} CROSS JOIN {GROUPS} g LEFT JOIN (SELECT f.partner_id AS partner_id, {said} FROM feedback f"
        f" WHERE f.partner_id IN ({movers}) GROUP BY f.partner_id) s ON s.partner_id = {side}.id"
        f" WHERE NOT {side}.archived AND {_only_moved(dialect, paired)} GROUP BY 1, 2, 3"
    )


def moved_kpi_totals(dialect: str, source: str, side: str, paired: bool) -> str:
    return (
        f"SELECT {side}.team_id AS team_id, g.field AS field, {value(side)} AS value, k.metric AS metric,"
        " SUM(k.total) AS total, COUNT(*) AS totals"
        f" FROM {source} JOIN kpi_partner_total k ON k.partner_id = {side}.id CROSS JOIN {GROUPS} g"
        f" WHERE NOT {side}.archived AND {_only_moved(dialect, paired)} GROUP BY 1, 2, 3, 4"
    )


def moved_activity_days(dialect: str, source: str, side: str, paired: bool) -> str:
    return (
        f"SELECT {side}.team_id AS team_id, g.field AS field, {value(side)} AS value,"
        f" {day(dialect, f'{side}.last_activity_at')} AS day, COUNT(*) AS partners FROM {source} CROSS JOIN {GROUPS} g"
        f" WHERE NOT {side}.archived AND {side}.last_activity_at IS NOT NULL"
        f" AND {_only_moved(dialect, paired, activity=True)} GROUP BY 1, 2, 3, 4"
    )


def moved_registrations(dialect: str, source: str, side: str, paired: bool) -> str:
    """An archived partner's registrations leave the days; a restored one's come back."""
    archived = " OR ".join(distinct(dialect, f"o.{column}", f"n.{column}") for column in ("team_id", "archived"))
    return (
        f"SELECT {side}.team_id AS team_id, {day(dialect, 'm.moved_at')} AS day, COUNT(*) AS partners"
        f" FROM {source} JOIN stage_move m ON m.partner_id = {side}.id"
        f" WHERE m.from_stage IS NULL AND NOT {side}.archived AND ({archived if paired else '1 = 1'}) GROUP BY 1, 2"
    )


MOVED = (
    ("group_tally", moved_partners),
    ("group_kpi_tally", moved_kpi_totals),
    ("group_activity_day", moved_activity_days),
    ("registration_day", moved_registrations),
)


# Adding and taking away

TABLES = {
    "group_tally": (("team_id", "field", "value"), TALLY),
    "group_kpi_tally": (("team_id", "field", "value", "metric"), ("total", "totals")),
    "group_activity_day": (("team_id", "field", "value", "day"), ("partners",)),
    "registration_day": (("team_id", "day"), ("partners",)),
}


def change(table: str, *, taken: str | None = None, added: str | None = None) -> str:
    """One upsert that takes the figures of `taken` away and adds those of `added`, netted per tally row and
    written in key order, so two transactions moving partners in opposite directions lock the rows in the
    same order and cannot deadlock; rows whose figures net to nothing are not written. (A purge deletes the
    tallies after the rows they count.)"""
    keys, figures = TABLES[table]
    key_list = ", ".join(keys)
    parts = []
    if taken is not None:
        negated = ", ".join(f"-t.{name} AS {name}" for name in figures)
        parts.append(f"SELECT {', '.join(f't.{key}' for key in keys)}, {negated} FROM ({taken}) AS t")
    if added is not None:
        parts.append(f"SELECT {', '.join(f'a.{name}' for name in (*keys, *figures))} FROM ({added}) AS a")
    summed = ", ".join(f"SUM(d.{name}) AS {name}" for name in figures)
    changed = " OR ".join(f"SUM(d.{name}) <> 0" for name in figures)
    kept = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in figures)
    return (
        f"INSERT INTO {table} ({key_list}, {', '.join(figures)})"
        f" SELECT {', '.join(f'd.{key}' for key in keys)}, {summed} FROM ({' UNION ALL '.join(parts)}) AS d"
        f" WHERE 1 = 1 GROUP BY {', '.join(f'd.{key}' for key in keys)} HAVING {changed} ORDER BY {key_list}"
        f" ON CONFLICT ({key_list}) DO UPDATE SET {kept}"
    )


def insert(table: str, selection: str) -> str:
    """Rows of an empty tally (the fill), from a selection already grouped by its key."""
    keys, figures = TABLES[table]
    columns = ", ".join((*keys, *figures))
    return f"INSERT INTO {table} ({columns}) SELECT {columns} FROM ({selection}) AS d"


def add(table: str, selection: str) -> str:
    return change(table, added=selection)


def take(table: str, selection: str) -> str:
    return change(table, taken=selection)
