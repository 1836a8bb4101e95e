"""One scheduler among several replicas: a PostgreSQL session-level advisory lock held by the leader.

On SQLite (one file, one host) every process is the leader; the jobs' idempotency keys in the
database stay the final guard either way.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Connection, Engine, text

logger = logging.getLogger("partnerbot.leader")
LOCK_KEY = 0x7061_7274_6E65_72  # "partner"


class LeaderLock:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None
        self._guard = threading.Lock()

    def is_leader(self) -> bool:
        """True while this process holds the lock; tries to take it when it does not (non-blocking)."""
        if self._engine.dialect.name != "postgresql":
            return True
        with self._guard:
            if self._connection is not None and self._alive(self._connection):
                return True
            self._connection = None
            connection = self._engine.connect()
            taken = bool(connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar())
            connection.commit()
            if not taken:
                connection.close()
                return False
            logger.info("this process now runs the scheduled jobs")
            self._connection = connection
            return True

    @staticmethod
    def _alive(connection: Connection) -> bool:
        try:
            connection.execute(text("SELECT 1"))
            connection.commit()
            return True
        except Exception:
            logger.warning("lost the scheduler lock's connection; will try to take it again")
            return False

    def release(self) -> None:
        with self._guard:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
