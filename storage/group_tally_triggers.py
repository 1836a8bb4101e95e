"""The triggers that keep the per-group tallies, on SQLite and PostgreSQL (`storage.group_tallies` reads them).

Triggers rather than Python, as for `storage.stage_tallies`: every path that writes partners, feedback answers
or per-partner KPI totals — the ORM, the CSV import's bulk inserts and updates, the journey redesign's bulk
stage updates, archive and restore, KPI entry and undo, purge — moves the tallies in its own transaction.

- partner inserted or deleted: its count and its last-activity day in each of its groups;
- partner moved to another group by a field (owner handover, stage move, profile edit, alliance), archived or
  restored: its count, its answers' sums and its KPI totals leave the old groups and join the new ones, only
  in the fields that changed;
- its last activity moved to another day: its day count in each group;
- a feedback answer or a per-partner KPI total written or deleted: the sums in the partner's groups;
- a registration (a first stage move) written or deleted, or its partner archived or restored: the
  workspace's registrations on its day (`registration_day`).

SQLite runs them per row; PostgreSQL per statement from the transition tables wherever a statement can touch
many rows (partner, answer and KPI total inserts and deletes, every partner update, move inserts and deletes),
so a 100,000-row import or a journey redesign moving 30,000 partners is a few grouped upserts.

Trigger names sort after `stage_tally_*`: PostgreSQL fires a table's triggers of one kind in name order, so
every statement locks the stage tally before the group tallies, as the row triggers of an update do.

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
PAIR = f"{sql.record('OLD')} o CROSS JOIN {sql.record('NEW')} n"
"""A SQLite row trigger's partner before (`o`) and after (`n`) the update."""


def _registrations(dialect: str, source: str, change: str, partner: str = "partner") -> str:
    step = sql.add if change == "add" else sql.take
    return step("registration_day", sql.registrations(dialect, source, partner))


def _moves(dialect: str) -> list[str]:
    """Updated partners out of their old groups and into their new ones: one netted upsert per tally, in the
    same table order on every path (group, KPI, activity, registration tallies)."""
    if dialect == "sqlite":
        taken = added = PAIR
    else:
        taken, added = "old_rows o", "new_rows n"
    paired = dialect == "sqlite"
    return [
        sql.change(
            table, taken=selection(dialect, taken, "o", paired), added=selection(dialect, added, "n", paired)
        )
        for table, selection in sql.MOVED
    ]


def _moved_registration(dialect: str, old: str, new: str) -> list[str]:
    return [sql.change(
        "registration_day", taken=sql.registrations(dialect, old), added=sql.registrations(dialect, new)
    )]


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
        trigger("tally_by_group_partner_insert", "INSERT", "partner",
                _partners_in_or_out("sqlite", sql.record("NEW"), "add")),
        trigger("tally_by_group_partner_delete", "DELETE", "partner",
                _partners_in_or_out("sqlite", sql.record("OLD"), "take")),
        trigger("tally_by_group_partner_update", f"UPDATE OF {PROFILE}, last_activity_at", "partner",
                _moves("sqlite"), sql.any_moved("sqlite")),
    ]
    for table, columns in (("feedback", FEEDBACK), ("kpi_partner_total", KPI)):
        short = "feedback" if table == "feedback" else "kpi"
        old, new = sql.record("OLD", columns), sql.record("NEW", columns)
        statements += [
            trigger(f"tally_by_group_{short}_insert", "INSERT", table, _rows_in_or_out(table, new, "add")),
            trigger(f"tally_by_group_{short}_delete", "DELETE", table, _rows_in_or_out(table, old, "take")),
            trigger(f"tally_by_group_{short}_update", f"UPDATE OF {', '.join(columns[1:])}", table,
                    _rows_moved(table, old, new)),
        ]
    old, new = sql.record("OLD", MOVE), sql.record("NEW", MOVE)
    return [
        *statements,
        trigger("tally_by_group_move_insert", "INSERT", "stage_move", [_registrations("sqlite", new, "add")]),
        trigger("tally_by_group_move_delete", "DELETE", "stage_move", [_registrations("sqlite", old, "take")]),
        trigger("tally_by_group_move_update", f"UPDATE OF {', '.join(MOVE[1:])}", "stage_move",
                _moved_registration("sqlite", old, new)),
    ]


def _postgresql() -> list[str]:
    def function(name: str, body: list[str]) -> str:
        # no JIT: the planner knows nothing of the transition tables, guesses thousands of rows, and would
        # spend seconds compiling the statements a one-row update runs in a millisecond
        return (
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$ BEGIN "
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
        function("tally_by_group_partner_insert", _partners_in_or_out("postgresql", "inserted", "add")),
        per_statement("tally_by_group_partner_insert", "INSERT", "partner", "inserted"),
        function("tally_by_group_partner_delete", _partners_in_or_out("postgresql", "deleted", "take")),
        per_statement("tally_by_group_partner_delete", "DELETE", "partner", "deleted"),
        function("tally_by_group_partner_update", _moves("postgresql")),
        # a statement trigger over transition tables (which allow no column list): a bulk UPDATE of 100,000
        # partners is four grouped upserts, not 100,000 calls
        "CREATE TRIGGER tally_by_group_partner_update AFTER UPDATE ON partner"
        " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
        " FOR EACH STATEMENT EXECUTE FUNCTION tally_by_group_partner_update()",
    ]
    for table, columns in (("feedback", FEEDBACK), ("kpi_partner_total", KPI)):
        short = "feedback" if table == "feedback" else "kpi"
        old, new = sql.record("OLD", columns), sql.record("NEW", columns)
        statements += [
            function(f"tally_by_group_{short}_insert", _rows_in_or_out(table, "inserted", "add")),
            per_statement(f"tally_by_group_{short}_insert", "INSERT", table, "inserted"),
            function(f"tally_by_group_{short}_delete", _rows_in_or_out(table, "deleted", "take")),
            per_statement(f"tally_by_group_{short}_delete", "DELETE", table, "deleted"),
            function(f"tally_by_group_{short}_update",
                     _rows_moved(table, old, new)),
            per_row(f"tally_by_group_{short}_update", f"UPDATE OF {', '.join(columns[1:])}", table),
        ]
    old, new = sql.record("OLD", MOVE), sql.record("NEW", MOVE)
    return [
        *statements,
        function("tally_by_group_move_insert", [_registrations("postgresql", "inserted", "add")]),
        per_statement("tally_by_group_move_insert", "INSERT", "stage_move", "inserted"),
        function("tally_by_group_move_delete", [_registrations("postgresql", "deleted", "take")]),
        per_statement("tally_by_group_move_delete", "DELETE", "stage_move", "deleted"),
        function("tally_by_group_move_update",
                 _moved_registration("postgresql", old, new)),
        per_row("tally_by_group_move_update", f"UPDATE OF {', '.join(MOVE[1:])}", "stage_move"),
    ]


TRIGGERS = (
    ("partner", "partner_insert"), ("partner", "partner_delete"), ("partner", "partner_update"),
    ("feedback", "feedback_insert"), ("feedback", "feedback_delete"),
    ("feedback", "feedback_update"), ("kpi_partner_total", "kpi_insert"), ("kpi_partner_total", "kpi_delete"),
    ("kpi_partner_total", "kpi_update"), ("stage_move", "move_insert"), ("stage_move", "move_delete"),
    ("stage_move", "move_update"),
)


def create(connection: Connection) -> None:
    for statement in _postgresql() if connection.dialect.name == "postgresql" else _sqlite():
        connection.execute(text(statement))


def drop(connection: Connection) -> None:
    postgresql = connection.dialect.name == "postgresql"
    for table, name in TRIGGERS:
        on = f" ON {table}" if postgresql else ""
        connection.execute(text(f"DROP TRIGGER IF EXISTS tally_by_group_{name}{on}"))
        if postgresql:
            connection.execute(text(f"DROP FUNCTION IF EXISTS tally_by_group_{name}()"))
