"""Whether a database's schema is the one this code expects: the Alembic head revisions."""

from __future__ import annotations

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from storage.migrate import MIGRATIONS


def expected_revisions() -> frozenset[str]:
    return frozenset(ScriptDirectory(str(MIGRATIONS)).get_heads())


def applied_revisions(connection: Connection) -> frozenset[str]:
    """The revisions recorded in the database; empty when it was never migrated."""
    return frozenset(MigrationContext.configure(connection).get_current_heads())
