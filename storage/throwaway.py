"""Migrated databases that vanish afterwards, for the test suite and the benchmarks."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from storage.database import create_database_engine
from storage.local_calendar import deployment_zone
from storage.migrate import upgrade


@contextmanager
def throwaway_engine(url: str, *, schema_prefix: str = "pb_tmp") -> Iterator[Engine]:
    """A migrated engine for `url`, disposed afterwards.

    On PostgreSQL it is confined to a fresh schema that is dropped afterwards, so runs sharing one
    server never see each other's rows; a SQLite URL names a file the caller owns.
    """
    if url.startswith("sqlite"):
        _copy_of_migrated(url)
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


_MIGRATED: dict[str, Path] = {}
"""Per deployment zone (the migrations fill the retention calendar in it): a migrated database file."""


def _copy_of_migrated(url: str) -> None:
    """Writes a migrated SQLite database where `url` names a file that does not exist yet: a copy of one
    migrated once per process (running every migration takes about a second; the copy, a millisecond), which
    the caller's `upgrade` then finds at the head."""
    database = make_url(url).database
    if not database or database == ":memory:" or Path(database).exists():
        return
    zone = deployment_zone()
    if zone not in _MIGRATED:
        directory = Path(tempfile.mkdtemp(prefix="partnerbot-migrated-"))
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        template = create_database_engine(f"sqlite:///{directory / 'migrated.db'}")
        try:
            upgrade(template)
        finally:
            template.dispose()  # the last connection's close folds the write-ahead log into the file
        _MIGRATED[zone] = directory / "migrated.db"
    shutil.copyfile(_MIGRATED[zone], database)
