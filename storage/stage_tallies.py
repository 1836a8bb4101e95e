"""Partners per stage, kept by triggers on `partner` and read instead of counting every partner.

Triggers rather than Python: every path that writes partners — the ORM, the CSV import's bulk inserts, the
journey redesign's bulk stage updates, purge — moves the tally in its own transaction without having to
remember to. On PostgreSQL inserts and deletes are tallied once per statement (from its transition table,
so a 100,000-row import is one grouped upsert) and a stage or archive change per row, touching the two
tally rows in key order so concurrent opposite moves cannot deadlock.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Connection, func, select, text
from sqlmodel import Session, col

from storage.tables import Partner, StageTally

_SQLITE = (
    """CREATE TRIGGER stage_tally_insert AFTER INSERT ON partner BEGIN
        INSERT INTO stage_tally (team_id, stage, archived, partners) VALUES (NEW.team_id, NEW.stage, NEW.archived, 1)
        ON CONFLICT (team_id, stage, archived) DO UPDATE SET partners = partners + 1;
    END""",
    """CREATE TRIGGER stage_tally_delete AFTER DELETE ON partner BEGIN
        UPDATE stage_tally SET partners = partners - 1
        WHERE team_id = OLD.team_id AND stage = OLD.stage AND archived = OLD.archived;
    END""",
    """CREATE TRIGGER stage_tally_update AFTER UPDATE OF team_id, stage, archived ON partner
    WHEN OLD.team_id IS NOT NEW.team_id OR OLD.stage IS NOT NEW.stage OR OLD.archived IS NOT NEW.archived BEGIN
        UPDATE stage_tally SET partners = partners - 1
        WHERE team_id = OLD.team_id AND stage = OLD.stage AND archived = OLD.archived;
        INSERT INTO stage_tally (team_id, stage, archived, partners) VALUES (NEW.team_id, NEW.stage, NEW.archived, 1)
        ON CONFLICT (team_id, stage, archived) DO UPDATE SET partners = partners + 1;
    END""",
)

_POSTGRESQL = (
    """CREATE FUNCTION stage_tally_add(team varchar, stage_key varchar, is_archived boolean, change integer)
    RETURNS void LANGUAGE sql AS $$
        INSERT INTO stage_tally (team_id, stage, archived, partners) VALUES (team, stage_key, is_archived, change)
        ON CONFLICT (team_id, stage, archived) DO UPDATE SET partners = stage_tally.partners + change
    $$""",
    """CREATE FUNCTION stage_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO stage_tally (team_id, stage, archived, partners)
        SELECT team_id, stage, archived, COUNT(*) FROM inserted GROUP BY team_id, stage, archived
        ORDER BY team_id, stage, archived
        ON CONFLICT (team_id, stage, archived) DO UPDATE SET partners = stage_tally.partners + EXCLUDED.partners;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION stage_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        UPDATE stage_tally SET partners = stage_tally.partners - gone.partners
        FROM (SELECT team_id, stage, archived, COUNT(*) AS partners FROM deleted GROUP BY team_id, stage, archived)
        AS gone
        WHERE stage_tally.team_id = gone.team_id AND stage_tally.stage = gone.stage
        AND stage_tally.archived = gone.archived;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION stage_tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF (OLD.team_id, OLD.stage, OLD.archived) < (NEW.team_id, NEW.stage, NEW.archived) THEN
            PERFORM stage_tally_add(OLD.team_id, OLD.stage, OLD.archived, -1);
            PERFORM stage_tally_add(NEW.team_id, NEW.stage, NEW.archived, 1);
        ELSE
            PERFORM stage_tally_add(NEW.team_id, NEW.stage, NEW.archived, 1);
            PERFORM stage_tally_add(OLD.team_id, OLD.stage, OLD.archived, -1);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER stage_tally_insert AFTER INSERT ON partner REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION stage_tally_inserted()""",
    """CREATE TRIGGER stage_tally_delete AFTER DELETE ON partner REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION stage_tally_deleted()""",
    """CREATE TRIGGER stage_tally_update AFTER UPDATE OF team_id, stage, archived ON partner FOR EACH ROW
    WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.stage IS DISTINCT FROM NEW.stage
        OR OLD.archived IS DISTINCT FROM NEW.archived)
    EXECUTE FUNCTION stage_tally_updated()""",
)

_DROP_SQLITE = tuple(f"DROP TRIGGER IF EXISTS stage_tally_{event}" for event in ("insert", "delete", "update"))
_DROP_POSTGRESQL = (
    *(f"DROP TRIGGER IF EXISTS stage_tally_{event} ON partner" for event in ("insert", "delete", "update")),
    *(f"DROP FUNCTION IF EXISTS stage_tally_{name}" for name in ("inserted", "deleted", "updated", "add")),
)


def install(connection: Connection) -> None:
    """Creates the triggers and fills the tally from the partners (the migration's upgrade)."""
    postgresql = connection.dialect.name == "postgresql"
    for statement in _POSTGRESQL if postgresql else _SQLITE:
        connection.execute(text(statement))
    connection.execute(text("DELETE FROM stage_tally"))
    connection.execute(
        text(
            "INSERT INTO stage_tally (team_id, stage, archived, partners)"
            " SELECT team_id, stage, archived, COUNT(*) FROM partner GROUP BY team_id, stage, archived"
        )
    )


def uninstall(connection: Connection) -> None:
    for statement in _DROP_POSTGRESQL if connection.dialect.name == "postgresql" else _DROP_SQLITE:
        connection.execute(text(statement))


def kept(*, session: Session, team_id: str, archived: bool = False) -> Counter[str]:
    """Partners per stage (active, or archived), from the tally."""
    query = select(StageTally.stage, StageTally.partners).where(
        StageTally.team_id == team_id, col(StageTally.archived).is_(archived), StageTally.partners != 0
    )
    return Counter({stage: int(partners) for stage, partners in session.execute(query).all()})


def counted(*, session: Session, team_id: str, archived: bool = False) -> Counter[str]:
    """Partners per stage counted from the partner rows: what the tally must always equal."""
    query = (
        select(Partner.stage, func.count())
        .where(Partner.team_id == team_id, col(Partner.archived).is_(archived))
        .group_by(Partner.stage)
    )
    return Counter({stage: int(partners) for stage, partners in session.execute(query).all()})
