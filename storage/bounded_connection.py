"""A PostgreSQL connection whose every round trip has a deadline on this side of the wire.

statement_timeout is enforced by the server: a server that accepts connections and then never
answers (a hung host, a black-holed network path) would hold the waiting thread forever, pool
pre-ping and commit included. psycopg sends every round trip through `Connection.wait`; bounding it
there covers them all. A connection that timed out is in an unknown protocol state, so it is closed,
which makes SQLAlchemy discard it from the pool instead of handing it out again.
"""

from __future__ import annotations

import inspect
from typing import Any

import psycopg
from psycopg import errors


class BoundedConnection(psycopg.Connection[Any]):
    round_trip_timeout: float | None = None

    def wait(self, gen: Any, *args: Any, **kwargs: Any) -> Any:
        if self.round_trip_timeout is not None and kwargs.get("timeout") is None:
            kwargs["timeout"] = self.round_trip_timeout
        try:
            return super().wait(gen, *args, **kwargs)
        except errors._WaitTimeout:
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database did not answer within {self.round_trip_timeout:g} s; connection closed"
            ) from None


SUPPORTED = "timeout" in inspect.signature(psycopg.Connection.wait).parameters
"""psycopg 3.3 gave `wait` its timeout; on older versions connections are not bounded this way."""


def connect_bounded(round_trip_timeout: float, *args: Any, **kwargs: Any) -> psycopg.Connection[Any]:
    connection = BoundedConnection.connect(*args, **kwargs)
    connection.round_trip_timeout = round_trip_timeout
    return connection
