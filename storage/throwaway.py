"""Migrated databases that vanish afterwards, for the test suite and the benchmarks."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from storage.database import create_database_engine
from storage.migrate import upgrade


@contextmanager
def throwaway_engine(url: str, *, schema_prefix: str = "pb_tmp") -> Iterator[Engine]:
    """A migrated engine for `url`, disposed afterwards.

    On PostgreSQL it is confined to a fresh schema that is dropped afterwards, so runs sharing one
    server never see each other's rows; a SQLite URL names a file the caller owns.
    """
    if url.startswith("sqlite"):
        engine = create_database_engine(url)
        try:
            upgrade(engine)
            yield engine
        finally:
            engine.dispose()
        return
    schema = f"{schema_prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as connection:  # fails loudly when the server does not answer
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    trigrams_in_public(admin)
    engine = create_database_engine(url, schema=schema)
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def trigrams_in_public(admin: Engine) -> None:
    """Installs pg_trgm in `public` before a migration can install it in the fresh schema: an extension
    created there would be dropped with that schema while other runs on the server use it."""
    try:
        with admin.begin() as connection:
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    except DBAPIError:  # another run created it at the same moment, or the server lacks it: the migration decides
        pass
