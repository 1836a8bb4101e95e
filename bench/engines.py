"""Engines for the benchmarks: a temporary SQLite file, or a throwaway PostgreSQL schema."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from storage.throwaway import throwaway_engine


@contextmanager
def bench_engine(url: str | None) -> Iterator[Engine]:
    """A migrated engine: a temporary SQLite file, or a throwaway PostgreSQL schema dropped afterwards."""
    if url is not None and not url.startswith("sqlite"):
        with throwaway_engine(url, schema_prefix="pb_bench") as engine:
            yield engine
        return
    with (
        tempfile.TemporaryDirectory(prefix="partnerbot-bench-") as directory,
        throwaway_engine(url or f"sqlite:///{Path(directory) / 'bench.db'}") as engine,
    ):
        yield engine
