"""Per team and local day, the partners not archived whose newest activity falls on it (`newest_day_tally`), kept
by triggers on `partner`: retention's count of partners gone quiet since a day is a sum over a few hundred rows
instead of a look at every partner.

A partner's newest day is the later of the local day of its newest move or feedback (`last_event_at`) and the
newest day a KPI entry or touchpoint is for (`last_event_on`), both kept on its row by `storage.dated_activity`;
"no activity since D" on those two figures is exactly "newest day before D". The triggers move the partner from
its old day to its new one whenever a write changes those figures or the archived flag — whichever path made it
(the ORM, the CSV import's bulk rows, the journey redesign's bulk move, a recompute after an undo, purge).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, func, select, text
from sqlmodel import Session, col

from storage.local_calendar import NO_DAY, day_of
from storage.retention_tables import NewestDayTally


def _newest(row: str, postgresql: bool) -> str:
    """SQL: the row's newest day (NO_DAY when it has no activity)."""
    nothing = f"DATE '{NO_DAY.isoformat()}'" if postgresql else f"'{NO_DAY.isoformat()}'"
    later = "GREATEST" if postgresql else "MAX"
    return f"{later}(COALESCE({day_of(f'{row}.last_event_at')}, {nothing}), COALESCE({row}.last_event_on, {nothing}))"


def _add(row: str, change: int, postgresql: bool, when: str = "true") -> str:
    """SQL: moves the tally of the row's newest day by `change` (1 or -1) when `when` holds. Taking away only
    updates, so that purge, which deletes the tally before the partners, leaves nothing behind."""
    if change < 0:
        return (
            f"UPDATE newest_day_tally SET partners = partners - 1"
            f" WHERE team_id = {row}.team_id AND day = {_newest(row, postgresql)} AND {when}"
        )
    return (
        f"INSERT INTO newest_day_tally (team_id, day, partners) SELECT {row}.team_id, {_newest(row, postgresql)},"
        f" 1 WHERE {when} ON CONFLICT (team_id, day) DO UPDATE SET partners = newest_day_tally.partners + 1"
    )


CHANGED = (
    "OLD.last_event_at IS DISTINCT FROM NEW.last_event_at OR OLD.last_event_on IS DISTINCT FROM NEW.last_event_on"
    " OR OLD.archived IS DISTINCT FROM NEW.archived OR OLD.team_id IS DISTINCT FROM NEW.team_id"
)
COLUMNS = "team_id, archived, last_event_at, last_event_on"


def _sqlite() -> list[str]:
    return [
        f"""CREATE TRIGGER newest_day_insert AFTER INSERT ON partner WHEN NOT NEW.archived BEGIN
            {_add("NEW", 1, False)};
        END""",
        f"""CREATE TRIGGER newest_day_delete AFTER DELETE ON partner WHEN NOT OLD.archived BEGIN
            {_add("OLD", -1, False)};
        END""",
        f"""CREATE TRIGGER newest_day_update AFTER UPDATE OF {COLUMNS} ON partner
        WHEN {CHANGED.replace("IS DISTINCT FROM", "IS NOT")} BEGIN
            {_add("OLD", -1, False, "NOT OLD.archived")};
            {_add("NEW", 1, False, "NOT NEW.archived")};
        END""",
    ]


def _postgresql() -> list[str]:
    """Once per statement, from its transition tables: a 100,000-row import or backfill is one grouped statement.
    An UPDATE takes every old row out and puts every new one back, netted per day, so rows whose figures did not
    change touch no tally (a trigger with transition tables cannot name columns; nor are the two tables joined:
    they have no index)."""
    newest = _newest("{row}", True)
    counted = (
        "SELECT {row}.team_id, " + newest + " AS day, {change} AS partners FROM {rows} {row} WHERE NOT {row}.archived"
    )
    net = (
        "SELECT team_id, day, SUM(partners) AS partners FROM ({parts}) AS change"
        " GROUP BY team_id, day HAVING SUM(partners) <> 0"
    )
    added = (
        "INSERT INTO newest_day_tally (team_id, day, partners) {counts} ORDER BY 1, 2"
        " ON CONFLICT (team_id, day) DO UPDATE SET partners = newest_day_tally.partners + EXCLUDED.partners"
    )
    taken = (
        "UPDATE newest_day_tally t SET partners = t.partners - gone.partners FROM ({counts}) AS gone"
        " WHERE t.team_id = gone.team_id AND t.day = gone.day"
    )
    olds = counted.format(row="o", change=-1, rows="before_rows")
    news = counted.format(row="n", change=1, rows="after_rows")
    return [
        f"""CREATE FUNCTION newest_day_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            {added.format(counts=net.format(parts=news))};
            RETURN NULL;
        END $$""",
        f"""CREATE FUNCTION newest_day_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            {taken.format(counts=net.format(parts=counted.format(row="o", change=1, rows="before_rows")))};
            RETURN NULL;
        END $$""",
        f"""CREATE FUNCTION newest_day_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            {added.format(counts=net.format(parts=f"{olds} UNION ALL {news}"))};
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER newest_day_insert AFTER INSERT ON partner REFERENCING NEW TABLE AS after_rows
        FOR EACH STATEMENT EXECUTE FUNCTION newest_day_inserted()""",
        """CREATE TRIGGER newest_day_delete AFTER DELETE ON partner REFERENCING OLD TABLE AS before_rows
        FOR EACH STATEMENT EXECUTE FUNCTION newest_day_deleted()""",
        """CREATE TRIGGER newest_day_update AFTER UPDATE ON partner
        REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
        FOR EACH STATEMENT EXECUTE FUNCTION newest_day_updated()""",
    ]


def install(connection: Connection) -> None:
    """Fills the tally from the partners, set-based, in the calendar as it is, and creates the triggers."""
    postgresql = connection.dialect.name == "postgresql"
    connection.execute(text("DELETE FROM newest_day_tally"))
    connection.execute(
        text(
            "INSERT INTO newest_day_tally (team_id, day, partners)"
            f" SELECT team_id, newest, COUNT(*) FROM (SELECT p.team_id, {_newest('p', postgresql)} AS newest"
            " FROM partner p WHERE NOT p.archived) AS partners GROUP BY team_id, newest"
        )
    )
    for statement in _postgresql() if postgresql else _sqlite():
        connection.execute(text(statement))


def uninstall(connection: Connection) -> None:
    postgresql = connection.dialect.name == "postgresql"
    for event in ("insert", "delete", "update"):
        connection.execute(text(f"DROP TRIGGER IF EXISTS newest_day_{event}" + (" ON partner" if postgresql else "")))
    if postgresql:
        for function in ("inserted", "deleted", "updated"):
            connection.execute(text(f"DROP FUNCTION IF EXISTS newest_day_{function}"))


def quiet_since(*, session: Session, team_id: str, day: date) -> int:
    """Partners not archived with no activity on or after `day`."""
    query = select(func.coalesce(func.sum(NewestDayTally.partners), 0)).where(
        NewestDayTally.team_id == team_id, col(NewestDayTally.day) < day
    )
    return int(session.execute(query).scalar_one())
