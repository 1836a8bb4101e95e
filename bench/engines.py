"""Engines for the benchmarks: a temporary SQLite file, or a throwaway PostgreSQL schema."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from storage.database import create_database_engine
from storage.migrate import upgrade


@contextmanager
def bench_engine(url: str | None) -> Iterator[Engine]:
    """A migrated engine: a temporary SQLite file, or a throwaway PostgreSQL schema dropped afterwards."""
    if url is None or url.startswith("sqlite"):
        with tempfile.TemporaryDirectory(prefix="partnerbot-bench-") as directory:
            engine = create_database_engine(url or f"sqlite:///{Path(directory) / 'bench.db'}")
            upgrade(engine)
            try:
                yield engine
            finally:
                engine.dispose()
        return
    schema = f"pb_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_database_engine(url, schema=schema)
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
