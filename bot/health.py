"""GET /healthz: is the database answering, in time, with the schema this code expects?

The probe runs in a daemon thread and the request waits at most `deadline` seconds for it, so a
database that accepts connections and never answers still gets a 503 in time. At most one probe runs
at once: requests arriving while one is still waiting share its result instead of piling up threads.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

from sqlalchemy import Engine

from storage.schema_version import applied_revisions, expected_revisions

logger = logging.getLogger("partnerbot.health")

Problem = str | None
"""None when healthy, else what is wrong, in a few words."""

UNAVAILABLE = "database unavailable"
OUTDATED = "database schema is not at the latest migration"


class HealthCheck:
    def __init__(self, engine: Engine, *, deadline: float) -> None:
        self._engine = engine
        self._deadline = deadline
        self._expected = expected_revisions()
        self._guard = threading.Lock()
        self._probe: Future[Problem] | None = None

    def problem(self) -> Problem:
        with self._guard:
            if self._probe is None or self._probe.done():
                self._probe = Future()
                threading.Thread(target=self._run, args=(self._probe,), name="healthz", daemon=True).start()
            probe = self._probe
        try:
            return probe.result(timeout=self._deadline)
        except FutureTimeout:
            logger.warning("health check: the database did not answer within %.1f s", self._deadline)
            return UNAVAILABLE

    def _run(self, probe: Future[Problem]) -> None:
        try:
            with self._engine.connect() as connection:
                applied = applied_revisions(connection)
        except Exception as error:
            logger.warning("health check: the database does not answer (%s)", type(error).__name__)
            probe.set_result(UNAVAILABLE)
            return
        if applied != self._expected:
            logger.warning("health check: schema at %s, expected %s", sorted(applied), sorted(self._expected))
            probe.set_result(OUTDATED)
            return
        probe.set_result(None)
