"""Engines for SQLite (one WAL file, writers serialised) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from storage import bounded_connection

SQLITE_BUSY_TIMEOUT_SECONDS = 30
ROUND_TRIP_MARGIN_SECONDS = 1


@dataclass(frozen=True)
class DatabaseTimeouts:
    """Bounds on waiting for the database, so a request fails in seconds instead of hanging.

    `statement` is PostgreSQL's statement_timeout and SQLite's busy timeout (waiting for a lock);
    None leaves statements unbounded (migrations), while connecting is still bounded.
    """

    connect: float
    statement: float | None
    pool: float


def _sqlite_engine(url: str, timeouts: DatabaseTimeouts | None) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    busy = timeouts.statement if timeouts and timeouts.statement else SQLITE_BUSY_TIMEOUT_SECONDS
    pool = {"pool_timeout": timeouts.pool} if timeouts else {}
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": busy}, **pool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front, so two writers queue instead of one failing
        # halfway with SQLITE_BUSY when it upgrades a read transaction.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_database_engine(url: str, *, schema: str | None = None, timeouts: DatabaseTimeouts | None = None) -> Engine:
    """An engine for `url`; `schema` confines a PostgreSQL engine to one schema (used by tests).

    Without `timeouts` nothing is bounded (migrations and offline tools may run long statements).
    """
    if url.startswith("sqlite"):
        return _sqlite_engine(url, timeouts)
    connect_args: dict[str, Any] = {}
    # Options given in the URL (`?options=…`) are kept: connect_args would otherwise replace them.
    given = make_url(url).query.get("options")
    options = [*([given] if isinstance(given, str) else given or ()), *([f"-csearch_path={schema}"] if schema else [])]
    extra: dict[str, Any] = {}
    if timeouts:
        # libpq rounds a connect_timeout below 2 s up to 2 s.
        connect_args["connect_timeout"] = max(2, round(timeouts.connect))
        if timeouts.statement:
            options.append(f"-cstatement_timeout={int(timeouts.statement * 1000)}")
        extra["pool_timeout"] = timeouts.pool
    if options:
        connect_args["options"] = " ".join(options)
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args, **extra)
    if timeouts and timeouts.statement and url.startswith("postgresql+psycopg") and bounded_connection.SUPPORTED:
        # A little longer than the server's own statement_timeout, which should fire first.
        round_trip = timeouts.statement + ROUND_TRIP_MARGIN_SECONDS

        @event.listens_for(engine, "do_connect")
        def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
            return bounded_connection.connect_bounded(round_trip, *cargs, **cparams)

    return engine
