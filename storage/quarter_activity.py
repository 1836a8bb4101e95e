"""The quarters each partner was active in (`partner_quarter`) and, per team and quarter, how many partners not
archived were active in it and in the quarter before too (`quarter_tally`): kept by triggers, read by retention.

Triggers, as for `storage.stage_tallies`: every path that writes history — a move, feedback, a KPI entry and its
undo, a touchpoint, the CSV import's bulk inserts, the journey redesign's bulk move, purge — and every archive or
restore moves the figures in its own transaction without having to remember to. A new activity counts in its
partner's quarter row; a row that appears (the partner's first activity that quarter) or goes (its last one undone)
moves the team's tally for that quarter, and the "retained" figure of the quarter after it; an archived partner
counts in no tally, so archiving takes all its quarters out and restoring puts them back.

Which quarter an instant (a move, a feedback answer) falls in depends on the time zone: the triggers look it up in
`quarter_start` (`storage.local_calendar`), built for the deployment's zone; a KPI entry or touchpoint carries its
local day, looked up there too. `storage.retention.ensure_zone` rebuilds it all when the zone changes.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, text
from sqlmodel import Session, col

from storage.local_calendar import quarter_of
from storage.retention_tables import QuarterTally

SOURCES = (("stage_move", "moved_at", "starts_at"), ("feedback", "recorded_at", "starts_at"),
           ("kpi_value", "on_date", "starts_on"), ("touchpoint", "on_date", "starts_on"))  # fmt: skip
"""Each kind of activity: its table, its moment, and the column of `quarter_start` that moment is compared with."""

_PREVIOUS = (
    "(SELECT COUNT(*) FROM partner_quarter p WHERE p.partner_id = {row}.partner_id AND p.quarter = {row}.quarter - 1)"
)
"""1 when the partner was active in the quarter before the row's, else 0."""
_NEXT = (
    "EXISTS (SELECT 1 FROM partner_quarter p WHERE p.partner_id = {row}.partner_id AND p.quarter = {row}.quarter + 1)"
)


def _sqlite() -> list[str]:
    statements = []
    for table, moment, bound in SOURCES:
        added, removed = quarter_of(f"NEW.{moment}", bound), quarter_of(f"OLD.{moment}", bound)
        statements += [
            f"""CREATE TRIGGER quarter_activity_{table}_insert AFTER INSERT ON {table} BEGIN
                INSERT INTO partner_quarter (partner_id, quarter, team_id, activities)
                VALUES (NEW.partner_id, {added}, NEW.team_id, 1)
                ON CONFLICT (partner_id, quarter) DO UPDATE SET activities = activities + 1;
            END""",
            f"""CREATE TRIGGER quarter_activity_{table}_delete AFTER DELETE ON {table} BEGIN
                UPDATE partner_quarter SET activities = activities - 1
                WHERE partner_id = OLD.partner_id AND quarter = {removed};
                DELETE FROM partner_quarter
                WHERE partner_id = OLD.partner_id AND quarter = {removed} AND activities <= 0;
            END""",
        ]
    return [
        *statements,
        f"""CREATE TRIGGER quarter_tally_insert AFTER INSERT ON partner_quarter
        WHEN (SELECT NOT archived FROM partner WHERE id = NEW.partner_id) BEGIN
            INSERT INTO quarter_tally (team_id, quarter, active, retained)
            VALUES (NEW.team_id, NEW.quarter, 1, {_PREVIOUS.format(row="NEW")})
            ON CONFLICT (team_id, quarter) DO UPDATE SET active = active + 1, retained = retained + excluded.retained;
            UPDATE quarter_tally SET retained = retained + 1
            WHERE team_id = NEW.team_id AND quarter = NEW.quarter + 1 AND {_NEXT.format(row="NEW")};
        END""",
        f"""CREATE TRIGGER quarter_tally_delete AFTER DELETE ON partner_quarter
        WHEN (SELECT NOT archived FROM partner WHERE id = OLD.partner_id) BEGIN
            UPDATE quarter_tally SET active = active - 1, retained = retained - {_PREVIOUS.format(row="OLD")}
            WHERE team_id = OLD.team_id AND quarter = OLD.quarter;
            UPDATE quarter_tally SET retained = retained - 1
            WHERE team_id = OLD.team_id AND quarter = OLD.quarter + 1 AND {_NEXT.format(row="OLD")};
        END""",
        """CREATE TRIGGER quarter_tally_archive AFTER UPDATE OF archived ON partner
        WHEN OLD.archived IS NOT NEW.archived BEGIN
            INSERT INTO quarter_tally (team_id, quarter, active, retained)
            SELECT NEW.team_id, quarter, 0, 0 FROM partner_quarter WHERE partner_id = NEW.id
            ON CONFLICT (team_id, quarter) DO NOTHING;
            UPDATE quarter_tally SET
                active = active + (CASE WHEN NEW.archived THEN -1 ELSE 1 END),
                retained = retained + (CASE WHEN NEW.archived THEN -1 ELSE 1 END) * (SELECT COUNT(*)
                    FROM partner_quarter p WHERE p.partner_id = NEW.id AND p.quarter = quarter_tally.quarter - 1)
            WHERE team_id = NEW.team_id AND quarter IN (SELECT quarter FROM partner_quarter WHERE partner_id = NEW.id);
        END""",
    ]


def _postgresql() -> list[str]:
    """Inserts and deletes of history and of quarter rows are counted once per statement, from its transition table
    (a 100,000-row import is a few grouped statements, not 100,000 calls); archive and restore per partner row."""
    statements = []
    for table, moment, bound in SOURCES:
        grouped = (
            f"SELECT partner_id, quarter, MIN(team_id) AS team_id, COUNT(*) AS activities FROM (SELECT a.partner_id,"
            f" a.team_id, {quarter_of(f'a.{moment}', bound)} AS quarter FROM {{rows}} a) AS activity"
            " GROUP BY partner_id, quarter"
        )
        statements += [
            f"""CREATE FUNCTION quarter_activity_{table}_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                INSERT INTO partner_quarter (partner_id, quarter, team_id, activities)
                {grouped.format(rows="added")} ORDER BY partner_id, quarter
                ON CONFLICT (partner_id, quarter) DO UPDATE
                SET activities = partner_quarter.activities + EXCLUDED.activities;
                RETURN NULL;
            END $$""",
            f"""CREATE FUNCTION quarter_activity_{table}_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                UPDATE partner_quarter q SET activities = q.activities - gone.activities
                FROM ({grouped.format(rows="removed")}) AS gone
                WHERE q.partner_id = gone.partner_id AND q.quarter = gone.quarter;
                DELETE FROM partner_quarter q USING ({grouped.format(rows="removed")}) AS gone
                WHERE q.partner_id = gone.partner_id AND q.quarter = gone.quarter AND q.activities <= 0;
                RETURN NULL;
            END $$""",
            f"""CREATE TRIGGER quarter_activity_{table}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION quarter_activity_{table}_added()""",
            f"""CREATE TRIGGER quarter_activity_{table}_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS removed
            FOR EACH STATEMENT EXECUTE FUNCTION quarter_activity_{table}_removed()""",
        ]
    # The statement's rows of partners not archived: each counts in its quarter; a pair of consecutive quarters
    # of a partner moves "retained" once, from the later row when it is among the statement's, else from the
    # earlier one (the quarter rows are as they are after the statement: inserted ones there, deleted ones gone).
    # Joins, not correlated subqueries, on the transition tables: they have no index, and a probe per row into
    # a 100,000-row one would be quadratic.
    changes = """SELECT team_id, quarter, SUM(active) AS active, SUM(retained) AS retained FROM (
        SELECT r.team_id, r.quarter, 1 AS active,
            CASE WHEN before.partner_id IS NULL AND also.partner_id IS NULL THEN 0 ELSE 1 END AS retained
        FROM {rows} r JOIN partner ON partner.id = r.partner_id AND NOT partner.archived
        LEFT JOIN partner_quarter before ON before.partner_id = r.partner_id AND before.quarter = r.quarter - 1
        LEFT JOIN {rows} also ON also.partner_id = r.partner_id AND also.quarter = r.quarter - 1
        UNION ALL
        SELECT r.team_id, r.quarter + 1, 0, 1
        FROM {rows} r JOIN partner ON partner.id = r.partner_id AND NOT partner.archived
        JOIN partner_quarter after ON after.partner_id = r.partner_id AND after.quarter = r.quarter + 1
        LEFT JOIN {rows} also ON also.partner_id = r.partner_id AND also.quarter = r.quarter + 1
        WHERE also.partner_id IS NULL
    ) AS change GROUP BY team_id, quarter"""
    return [
        *statements,
        f"""CREATE FUNCTION quarter_tally_entered() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            INSERT INTO quarter_tally (team_id, quarter, active, retained)
            {changes.format(rows="entered")} ORDER BY team_id, quarter
            ON CONFLICT (team_id, quarter) DO UPDATE
            SET active = quarter_tally.active + EXCLUDED.active, retained = quarter_tally.retained + EXCLUDED.retained;
            RETURN NULL;
        END $$""",
        f"""CREATE FUNCTION quarter_tally_left() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            UPDATE quarter_tally t SET active = t.active - change.active, retained = t.retained - change.retained
            FROM ({changes.format(rows="left_rows")}) AS change
            WHERE t.team_id = change.team_id AND t.quarter = change.quarter;
            RETURN NULL;
        END $$""",
        """CREATE FUNCTION quarter_tally_archived() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE change integer := CASE WHEN NEW.archived THEN -1 ELSE 1 END;
        BEGIN
            INSERT INTO quarter_tally (team_id, quarter, active, retained)
            SELECT NEW.team_id, quarter, 0, 0 FROM partner_quarter WHERE partner_id = NEW.id ORDER BY quarter
            ON CONFLICT (team_id, quarter) DO NOTHING;
            PERFORM 1 FROM quarter_tally
            WHERE team_id = NEW.team_id AND quarter IN (SELECT quarter FROM partner_quarter WHERE partner_id = NEW.id)
            ORDER BY quarter FOR UPDATE;
            UPDATE quarter_tally t SET active = t.active + change,
                retained = t.retained + change * (SELECT COUNT(*)
                    FROM partner_quarter p WHERE p.partner_id = NEW.id AND p.quarter = t.quarter - 1)
            WHERE t.team_id = NEW.team_id
            AND t.quarter IN (SELECT quarter FROM partner_quarter WHERE partner_id = NEW.id);
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER quarter_tally_insert AFTER INSERT ON partner_quarter REFERENCING NEW TABLE AS entered
        FOR EACH STATEMENT EXECUTE FUNCTION quarter_tally_entered()""",
        """CREATE TRIGGER quarter_tally_delete AFTER DELETE ON partner_quarter REFERENCING OLD TABLE AS left_rows
        FOR EACH STATEMENT EXECUTE FUNCTION quarter_tally_left()""",
        """CREATE TRIGGER quarter_tally_archive AFTER UPDATE OF archived ON partner FOR EACH ROW
        WHEN (OLD.archived IS DISTINCT FROM NEW.archived) EXECUTE FUNCTION quarter_tally_archived()""",
    ]


def _drops(postgresql: bool) -> list[str]:
    triggers = [
        *((f"quarter_activity_{table}_{event}", table) for table, _, _ in SOURCES for event in ("insert", "delete")),
        ("quarter_tally_insert", "partner_quarter"),
        ("quarter_tally_delete", "partner_quarter"),
        ("quarter_tally_archive", "partner"),
    ]
    if not postgresql:
        return [f"DROP TRIGGER IF EXISTS {name}" for name, _ in triggers]
    functions = [
        *(f"quarter_activity_{table}_{event}" for table, _, _ in SOURCES for event in ("added", "removed")),
        "quarter_tally_entered", "quarter_tally_left", "quarter_tally_archived",
    ]  # fmt: skip
    return [
        *(f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in triggers),
        *(f"DROP FUNCTION IF EXISTS {name}" for name in functions),
    ]


def partner_deleted(postgresql: bool) -> list[str]:
    """A deleted partner's quarters go before its row does, so the tallies' triggers still find it (archived or
    not) and take its quarters out; its history's own deletes, cascading after, then find nothing to move. (An
    `ON DELETE` rule on the key would remove them too late: PostgreSQL checks the key before the statement's
    triggers run, and they look the partner up.)"""
    if not postgresql:
        return [
            """CREATE TRIGGER quarter_activity_partner_delete BEFORE DELETE ON partner BEGIN
                DELETE FROM partner_quarter WHERE partner_id = OLD.id;
            END"""
        ]
    return [
        """CREATE FUNCTION quarter_activity_partner_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            DELETE FROM partner_quarter WHERE partner_id = OLD.id;
            RETURN OLD;
        END $$""",
        """CREATE TRIGGER quarter_activity_partner_delete BEFORE DELETE ON partner FOR EACH ROW
        EXECUTE FUNCTION quarter_activity_partner_removed()""",
    ]


def partner_deleted_drops(postgresql: bool) -> list[str]:
    if not postgresql:
        return ["DROP TRIGGER IF EXISTS quarter_activity_partner_delete"]
    return [
        "DROP TRIGGER IF EXISTS quarter_activity_partner_delete ON partner",
        "DROP FUNCTION IF EXISTS quarter_activity_partner_removed",
    ]


def _fill(connection: Connection) -> None:
    """Each partner's quarters and the tallies from the history, set-based, in the calendar as it is."""
    for table in ("quarter_tally", "partner_quarter"):
        connection.execute(text(f"DELETE FROM {table}"))
    activities = " UNION ALL ".join(
        f"SELECT a.partner_id, a.team_id, {quarter_of(f'a.{moment}', bound)} AS quarter FROM {table} a"
        for table, moment, bound in SOURCES
    )
    connection.execute(
        text(
            "INSERT INTO partner_quarter (partner_id, quarter, team_id, activities)"
            f" SELECT partner_id, quarter, MIN(team_id), COUNT(*) FROM ({activities}) AS activity"
            " GROUP BY partner_id, quarter"
        )
    )
    connection.execute(
        text(
            "INSERT INTO quarter_tally (team_id, quarter, active, retained)"
            " SELECT q.team_id, q.quarter, COUNT(*), COUNT(before.partner_id) FROM partner_quarter q"
            " JOIN partner ON partner.id = q.partner_id AND NOT partner.archived"
            " LEFT JOIN partner_quarter before ON before.partner_id = q.partner_id AND before.quarter = q.quarter - 1"
            " GROUP BY q.team_id, q.quarter"
        )
    )


def install(connection: Connection) -> None:
    """Fills the figures from the history and creates the triggers (the calendar is filled first)."""
    _fill(connection)
    postgresql = connection.dialect.name == "postgresql"
    for statement in [*(_postgresql() if postgresql else _sqlite()), *partner_deleted(postgresql)]:
        connection.execute(text(statement))


def uninstall(connection: Connection) -> None:
    postgresql = connection.dialect.name == "postgresql"
    for statement in [*partner_deleted_drops(postgresql), *_drops(postgresql)]:
        connection.execute(text(statement))


def kept(*, session: Session, team_id: str, quarter: int) -> tuple[int, int, int]:
    """(partners active in the quarter before, active in `quarter`, active in both), not archived: two rows."""
    query = select(QuarterTally.quarter, QuarterTally.active, QuarterTally.retained).where(
        QuarterTally.team_id == team_id, col(QuarterTally.quarter).in_([quarter - 1, quarter])
    )
    rows = {number: (int(active), int(retained)) for number, active, retained in session.execute(query).all()}
    before, now = rows.get(quarter - 1, (0, 0)), rows.get(quarter, (0, 0))
    return before[0], now[0], now[1]
