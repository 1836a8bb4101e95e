"""Active partners per stage and UTC day of entry (`stage_day`), kept by triggers on `partner`, for the counts and
middle entries that would otherwise walk a stage's whole index: how many entered before an instant (the stalled
count) is the days before its UTC day summed, plus that day's partners before it counted on the index; the
middle entry is found by summing days up to it, then read with an offset inside its day.

Triggers, as for `storage.stage_tallies`: every path that writes partners (commands, the CSV import, a journey
redesign's bulk moves, archive and restore, purge) moves the tally in its own transaction. On PostgreSQL inserts
and deletes are tallied once per statement from their transition tables; an update per row, touching the two
tally rows in key order so that concurrent opposite moves cannot deadlock.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlalchemy import Connection, func, select, text
from sqlmodel import Session, col

from storage.group_tally_sql import day as utc_day
from storage.tables import Partner, StageDay

KEY = "team_id, stage, day"


def _sqlite() -> list[str]:
    new_day, old_day = utc_day("sqlite", "NEW.stage_entered_at"), utc_day("sqlite", "OLD.stage_entered_at")
    add = f"""INSERT INTO stage_day (team_id, stage, day, partners)
        SELECT NEW.team_id, NEW.stage, {new_day}, 1 WHERE NOT NEW.archived
        ON CONFLICT ({KEY}) DO UPDATE SET partners = partners + 1;"""
    take = f"""UPDATE stage_day SET partners = partners - 1
        WHERE NOT OLD.archived AND team_id = OLD.team_id AND stage = OLD.stage AND day = {old_day};"""
    moved = " OR ".join(
        f"OLD.{column} IS NOT NEW.{column}" for column in ("team_id", "stage", "archived", "stage_entered_at")
    )
    return [
        f"CREATE TRIGGER stage_day_insert AFTER INSERT ON partner BEGIN {add} END",
        f"CREATE TRIGGER stage_day_delete AFTER DELETE ON partner BEGIN {take} END",
        f"""CREATE TRIGGER stage_day_update AFTER UPDATE OF team_id, stage, archived, stage_entered_at ON partner
        WHEN {moved} BEGIN {take} {add} END""",
    ]


def _postgresql() -> list[str]:
    day = utc_day("postgresql", "stage_entered_at")
    new_day, old_day = utc_day("postgresql", "NEW.stage_entered_at"), utc_day("postgresql", "OLD.stage_entered_at")
    moved = " OR ".join(
        f"OLD.{column} IS DISTINCT FROM NEW.{column}"
        for column in ("team_id", "stage", "archived", "stage_entered_at")
    )
    return [
        f"""CREATE FUNCTION stage_day_add(team varchar, stage_key varchar, entered date, change integer)
        RETURNS void LANGUAGE sql AS $$
            INSERT INTO stage_day (team_id, stage, day, partners) VALUES (team, stage_key, entered, change)
            ON CONFLICT ({KEY}) DO UPDATE SET partners = stage_day.partners + change
        $$""",
        f"""CREATE FUNCTION stage_day_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            INSERT INTO stage_day (team_id, stage, day, partners)
            SELECT team_id, stage, {day}, COUNT(*) FROM inserted WHERE NOT archived
            GROUP BY team_id, stage, {day} ORDER BY 1, 2, 3
            ON CONFLICT ({KEY}) DO UPDATE SET partners = stage_day.partners + EXCLUDED.partners;
            RETURN NULL;
        END $$""",
        f"""CREATE FUNCTION stage_day_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            UPDATE stage_day SET partners = stage_day.partners - gone.partners
            FROM (SELECT team_id, stage, {day} AS day, COUNT(*) AS partners FROM deleted WHERE NOT archived
                  GROUP BY team_id, stage, {day}) AS gone
            WHERE stage_day.team_id = gone.team_id AND stage_day.stage = gone.stage AND stage_day.day = gone.day;
            RETURN NULL;
        END $$""",
        f"""CREATE FUNCTION stage_day_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            IF NOT OLD.archived AND NOT NEW.archived
                AND (OLD.team_id, OLD.stage, {old_day}) > (NEW.team_id, NEW.stage, {new_day}) THEN
                PERFORM stage_day_add(NEW.team_id, NEW.stage, {new_day}, 1);
                PERFORM stage_day_add(OLD.team_id, OLD.stage, {old_day}, -1);
                RETURN NULL;
            END IF;
            IF NOT OLD.archived THEN
                PERFORM stage_day_add(OLD.team_id, OLD.stage, {old_day}, -1);
            END IF;
            IF NOT NEW.archived THEN
                PERFORM stage_day_add(NEW.team_id, NEW.stage, {new_day}, 1);
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER stage_day_insert AFTER INSERT ON partner REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION stage_day_inserted()""",
        """CREATE TRIGGER stage_day_delete AFTER DELETE ON partner REFERENCING OLD TABLE AS deleted
        FOR EACH STATEMENT EXECUTE FUNCTION stage_day_deleted()""",
        f"""CREATE TRIGGER stage_day_update AFTER UPDATE OF team_id, stage, archived, stage_entered_at ON partner
        FOR EACH ROW WHEN ({moved}) EXECUTE FUNCTION stage_day_updated()""",
    ]


def _drops(postgresql: bool) -> list[str]:
    triggers = [f"DROP TRIGGER IF EXISTS stage_day_{event}" for event in ("insert", "delete", "update")]
    if not postgresql:
        return triggers
    return [
        *(f"{drop} ON partner" for drop in triggers),
        *(f"DROP FUNCTION IF EXISTS stage_day_{name}" for name in ("inserted", "deleted", "updated", "add")),
    ]


def install(connection: Connection) -> None:
    """Creates the triggers and fills the tally from the partners (the migration's upgrade)."""
    dialect = connection.dialect.name
    for statement in _postgresql() if dialect == "postgresql" else _sqlite():
        connection.execute(text(statement))
    day = utc_day(dialect, "stage_entered_at")
    connection.execute(text("DELETE FROM stage_day"))
    connection.execute(
        text(
            "INSERT INTO stage_day (team_id, stage, day, partners)"
            f" SELECT team_id, stage, {day}, COUNT(*) FROM partner WHERE NOT archived GROUP BY team_id, stage, {day}"
        )
    )
    if dialect == "postgresql":
        connection.execute(text("ANALYZE stage_day"))


def uninstall(connection: Connection) -> None:
    for statement in _drops(connection.dialect.name == "postgresql"):
        connection.execute(text(statement))


def _midnight(moment: datetime) -> datetime:
    return datetime.combine(moment.astimezone(UTC).date(), time(), tzinfo=UTC)


def count_before(*, session: Session, team_id: str, stage: str, before: datetime) -> int:
    """Active partners of the stage that entered it before `before`: the kept days before its UTC day, plus that
    day's entries before it on the (team, archived, stage, entered) index."""
    midnight = _midnight(before)
    days = select(func.coalesce(func.sum(StageDay.partners), 0)).where(
        StageDay.team_id == team_id, StageDay.stage == stage, StageDay.day < midnight.date()
    )
    edge = select(func.count()).select_from(Partner).where(
        Partner.team_id == team_id, col(Partner.archived).is_(False), Partner.stage == stage,
        Partner.stage_entered_at >= midnight, Partner.stage_entered_at < before,
    )  # fmt: skip
    return int(session.execute(days).scalar_one()) + int(session.execute(edge).scalar_one())


def entries_from(*, session: Session, team_id: str, stage: str, position: int, limit: int) -> list[datetime]:
    """The stage's entry instants from the `position`-th (from 0, in instant order) on, at most `limit`: the
    kept days are summed up to the one that holds it, and that day is read with an offset."""
    days = select(StageDay.day, StageDay.partners).where(
        StageDay.team_id == team_id, StageDay.stage == stage, StageDay.partners > 0
    )
    before = 0
    for day, partners in session.execute(days.order_by(col(StageDay.day))).all():
        if before + partners > position:
            start = datetime.combine(day, time(), tzinfo=UTC)
            query = (
                select(Partner.stage_entered_at)
                .where(
                    Partner.team_id == team_id, col(Partner.archived).is_(False), Partner.stage == stage,
                    Partner.stage_entered_at >= start,
                )
                .order_by(col(Partner.stage_entered_at))
                .offset(position - before)
                .limit(limit)
            )
            return list(session.execute(query).scalars().all())
        before += partners
    return []

