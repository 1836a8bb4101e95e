"""The triggers that keep the per-group tallies, on SQLite and PostgreSQL (`storage.group_tallies` reads them).

Triggers rather than Python, as for `storage.stage_tallies`: every path that writes partners, feedback answers
or per-partner KPI totals — the ORM, the CSV import's bulk inserts and updates, the journey redesign's bulk
stage updates, archive and restore, KPI entry and undo, purge — moves the tallies in its own transaction.

- partner inserted or deleted: its count and its last-activity day in each of its groups (on PostgreSQL once
  per statement from the transition table: a 100,000-row import is a few grouped upserts);
- partner moved to another group by a field (owner handover, stage move, profile edit, alliance), archived or
  restored: its count, its answers' sums and its KPI totals leave the old groups and join the new ones, only
  in the fields that changed;
- its last activity moved to another day: its day count in each group;
- a feedback answer or a per-partner KPI total written or deleted: the sums in the partner's groups;
- a registration (a first stage move) written or deleted, or its partner archived or restored: the
  workspace's registrations on its day (`registration_day`).

A deleted partner's answers and KPI totals leave the tallies with their own rows, as purge deletes them
(children before parents); a partner row deleted on its own with answers left to a cascade would leave them
counted, and the bot never does that.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from domain.breakdowns import GROUPINGS
from storage import group_tally_sql as sql

PROFILE = ", ".join(("team_id", "archived", *GROUPINGS))
FEEDBACK = ("id", "partner_id", "csat", "nps")
KPI = ("id", "partner_id", "metric", "total")
MOVE = ("id", "team_id", "partner_id", "from_stage", "moved_at")


def _registrations(dialect: str, source: str, change: str, partner: str = "partner") -> str:
    step = sql.add if change == "add" else sql.take
    return step("registration_day", sql.registrations(dialect, source, partner))


def _archived(dialect: str) -> list[str]:
    """An archived partner's registrations leave the days; a restored one's come back."""
    return [sql.change(
        "registration_day",
        taken=sql.registrations(dialect, "stage_move", sql.record("OLD")),
        added=sql.registrations(dialect, "stage_move", sql.record("NEW")),
    )]


def _moved_registration(dialect: str, old: str, new: str) -> list[str]:
    return [sql.change(
        "registration_day", taken=sql.registrations(dialect, old), added=sql.registrations(dialect, new)
    )]


def _moves(dialect: str, *, activity: bool) -> list[str]:
    """The statements that move an updated partner between groups (OLD out, NEW in, in one upsert per tally)."""
    where = sql.moved(dialect, activity=activity)
    if activity:
        return [sql.change(
            "group_activity_day",
            taken=sql.activity_days(dialect, sql.record("OLD"), where),
            added=sql.activity_days(dialect, sql.record("NEW"), where),
        )]
    return [
        sql.change(
            "group_tally",
            taken=sql.partner_with_answers("OLD", where),
            added=sql.partner_with_answers("NEW", where),
        ),
        sql.change(
            "group_kpi_tally",
            taken=sql.kpi_totals("kpi_partner_total", sql.record("OLD"), where),
            added=sql.kpi_totals("kpi_partner_total", sql.record("NEW"), where),
        ),
    ]


def _partners_in_or_out(dialect: str, source: str, change: str) -> list[str]:
    step = sql.add if change == "add" else sql.take
    return [
        step("group_tally", sql.partners(source)),
        step("group_activity_day", sql.activity_days(dialect, source)),
    ]


def _rows_in_or_out(table: str, source: str, change: str) -> list[str]:
    step = sql.add if change == "add" else sql.take
    if table == "feedback":
        return [step("group_tally", sql.answers(source))]
    return [step("group_kpi_tally", sql.kpi_totals(source))]


def _rows_moved(table: str, old: str, new: str) -> list[str]:
    if table == "feedback":
        return [sql.change("group_tally", taken=sql.answers(old), added=sql.answers(new))]
    return [sql.change("group_kpi_tally", taken=sql.kpi_totals(old), added=sql.kpi_totals(new))]


def _sqlite() -> list[str]:
    def trigger(name: str, event: str, table: str, body: list[str], when: str = "") -> str:
        condition = f" WHEN {when}" if when else ""
        return f"CREATE TRIGGER {name} AFTER {event} ON {table}{condition} BEGIN " + "; ".join(body) + "; END"

    statements = [
        trigger("group_tally_partner_insert", "INSERT", "partner",
                _partners_in_or_out("sqlite", sql.record("NEW"), "add")),
        trigger("group_tally_partner_delete", "DELETE", "partner",
                _partners_in_or_out("sqlite", sql.record("OLD"), "take")),
        trigger("group_tally_partner_groups", f"UPDATE OF {PROFILE}", "partner",
                _moves("sqlite", activity=False), sql.any_moved("sqlite")),
        trigger("group_tally_partner_last_activity", f"UPDATE OF {PROFILE}, last_activity_at", "partner",
                _moves("sqlite", activity=True), sql.any_moved("sqlite", activity=True)),
    ]
    for table, columns in (("feedback", FEEDBACK), ("kpi_partner_total", KPI)):
        short = "feedback" if table == "feedback" else "kpi"
        old, new = sql.record("OLD", columns), sql.record("NEW", columns)
        statements += [
            trigger(f"group_tally_{short}_insert", "INSERT", table, _rows_in_or_out(table, new, "add")),
            trigger(f"group_tally_{short}_delete", "DELETE", table, _rows_in_or_out(table, old, "take")),
            trigger(f"group_tally_{short}_update", f"UPDATE OF {', '.join(columns[1:])}", table,
                    _rows_moved(table, old, new)),
        ]
    old, new = sql.record("OLD", MOVE), sql.record("NEW", MOVE)
    return [
        *statements,
        trigger("group_tally_move_insert", "INSERT", "stage_move", [_registrations("sqlite", new, "add")]),
        trigger("group_tally_move_delete", "DELETE", "stage_move", [_registrations("sqlite", old, "take")]),
        trigger("group_tally_move_update", f"UPDATE OF {', '.join(MOVE[1:])}", "stage_move",
                _moved_registration("sqlite", old, new)),
        trigger("group_tally_partner_registrations", "UPDATE OF archived", "partner", _archived("sqlite"),
                sql.distinct("sqlite", "OLD.archived", "NEW.archived")),
    ]


def _postgresql() -> list[str]:
    def function(name: str, body: list[str]) -> str:
        return (
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            + "; ".join(body) + "; RETURN NULL; END $$"
        )

    def per_statement(name: str, event: str, table: str, transition: str) -> str:
        kind = "NEW" if event == "INSERT" else "OLD"
        return (
            f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {kind} TABLE AS {transition}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )

    def per_row(name: str, event: str, table: str, when: str = "") -> str:
        condition = f" WHEN ({when})" if when else ""
        return f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{condition} EXECUTE FUNCTION {name}()"

    statements = [
        function("group_tally_partner_insert", _partners_in_or_out("postgresql", "inserted", "add")),
        per_statement("group_tally_partner_insert", "INSERT", "partner", "inserted"),
        function("group_tally_partner_delete", _partners_in_or_out("postgresql", "deleted", "take")),
        per_statement("group_tally_partner_delete", "DELETE", "partner", "deleted"),
        function("group_tally_partner_groups", _moves("postgresql", activity=False)),
        per_row("group_tally_partner_groups", f"UPDATE OF {PROFILE}", "partner", sql.any_moved("postgresql")),
        function("group_tally_partner_last_activity", _moves("postgresql", activity=True)),
        per_row("group_tally_partner_last_activity", f"UPDATE OF {PROFILE}, last_activity_at", "partner",
                sql.any_moved("postgresql", activity=True)),
    ]
    for table, columns in (("feedback", FEEDBACK), ("kpi_partner_total", KPI)):
        short = "feedback" if table == "feedback" else "kpi"
        old, new = sql.record("OLD", columns), sql.record("NEW", columns)
        statements += [
            function(f"group_tally_{short}_insert", _rows_in_or_out(table, "inserted", "add")),
            per_statement(f"group_tally_{short}_insert", "INSERT", table, "inserted"),
            function(f"group_tally_{short}_delete", _rows_in_or_out(table, "deleted", "take")),
            per_statement(f"group_tally_{short}_delete", "DELETE", table, "deleted"),
            function(f"group_tally_{short}_update",
                     _rows_moved(table, old, new)),
            per_row(f"group_tally_{short}_update", f"UPDATE OF {', '.join(columns[1:])}", table),
        ]
    old, new = sql.record("OLD", MOVE), sql.record("NEW", MOVE)
    return [
        *statements,
        function("group_tally_move_insert", [_registrations("postgresql", "inserted", "add")]),
        per_statement("group_tally_move_insert", "INSERT", "stage_move", "inserted"),
        function("group_tally_move_delete", [_registrations("postgresql", "deleted", "take")]),
        per_statement("group_tally_move_delete", "DELETE", "stage_move", "deleted"),
        function("group_tally_move_update",
                 _moved_registration("postgresql", old, new)),
        per_row("group_tally_move_update", f"UPDATE OF {', '.join(MOVE[1:])}", "stage_move"),
        function("group_tally_partner_registrations", _archived("postgresql")),
        per_row("group_tally_partner_registrations", "UPDATE OF archived", "partner",
                sql.distinct("postgresql", "OLD.archived", "NEW.archived")),
    ]


TRIGGERS = (
    ("partner", "partner_insert"), ("partner", "partner_delete"), ("partner", "partner_groups"),
    ("partner", "partner_last_activity"), ("feedback", "feedback_insert"), ("feedback", "feedback_delete"),
    ("feedback", "feedback_update"), ("kpi_partner_total", "kpi_insert"), ("kpi_partner_total", "kpi_delete"),
    ("kpi_partner_total", "kpi_update"), ("stage_move", "move_insert"), ("stage_move", "move_delete"),
    ("stage_move", "move_update"), ("partner", "partner_registrations"),
)


def create(connection: Connection) -> None:
    for statement in _postgresql() if connection.dialect.name == "postgresql" else _sqlite():
        connection.execute(text(statement))


def drop(connection: Connection) -> None:
    postgresql = connection.dialect.name == "postgresql"
    for table, name in TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS group_tally_{name}" + (f" ON {table}" if postgresql else "")))
        if postgresql:
            connection.execute(text(f"DROP FUNCTION IF EXISTS group_tally_{name}()"))
