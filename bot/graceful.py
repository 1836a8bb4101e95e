"""Stopping on SIGTERM without dropping work: no new requests, the ones in flight answered, then out.

`partnerbot serve` stops listening, keeps the waitress loop turning until every request inside the
app has been answered and written, then lets bolt's lazy listeners (which answer through response
URLs) and a running scheduled job finish. All of it within a grace period.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from typing import Any

from apscheduler.schedulers.base import BaseScheduler
from waitress import create_server
from waitress.server import BaseWSGIServer
from waitress.wasyncore import dispatcher

from bot.http_edge import WsgiApp
from bot.outbox import request_stop

logger = logging.getLogger("partnerbot.shutdown")
LOOP_TICK = 0.1


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT (call from the main thread)."""
    stopping = threading.Event()

    def handle(signum: int, _frame: object) -> None:
        logger.info("%s received: finishing what is in flight, then stopping", signal.Signals(signum).name)
        stopping.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    return stopping


class InFlight:
    """Counts requests inside the WSGI app, from the call until the server closes the response."""

    def __init__(self, app: WsgiApp) -> None:
        self._app = app
        self._count = 0
        self._guard = threading.Lock()

    @property
    def count(self) -> int:
        return self._count

    def _add(self, delta: int) -> None:
        with self._guard:
            self._count += delta

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        self._add(1)
        try:
            return _Closing(self._app(environ, start_response), lambda: self._add(-1))
        except BaseException:
            self._add(-1)
            raise


class _Closing:
    def __init__(self, body: Iterable[bytes], done: Callable[[], None]) -> None:
        self._body = body
        self._done = done

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            self._done()


def build_server(wsgi: WsgiApp, *, host: str, port: int, threads: int, max_body_bytes: int) -> BaseWSGIServer:
    """waitress answers 413 itself from Content-Length (it refuses lengths >= its limit) before reading the
    body, and stops reading a chunked body at the limit."""
    server: BaseWSGIServer = create_server(
        wsgi, host=host, port=port, threads=threads, ident="partnerbot", max_request_body_size=max_body_bytes + 1
    )
    return server


def serve_until(
    wsgi: WsgiApp, stopping: threading.Event, *, host: str, port: int, threads: int, max_body_bytes: int, grace: float
) -> bool:
    """Serves until `stopping` is set, then drains; False when the grace period ran out first."""
    counted = InFlight(wsgi)
    server = build_server(counted, host=host, port=port, threads=threads, max_body_bytes=max_body_bytes)
    logger.info("serving Slack requests at http://%s:%s/slack/events", host, server.effective_port)
    while not stopping.is_set():
        server.asyncore.loop(timeout=LOOP_TICK, map=server._map, count=1)
    dispatcher.close(server)  # the listening socket only; the trigger still wakes the loop for answers
    deadline = time.monotonic() + grace
    while (counted.count or _channels_busy(server)) and time.monotonic() < deadline:
        server.asyncore.loop(timeout=LOOP_TICK, map=server._map, count=1)
    drained = not counted.count and not _channels_busy(server)
    for channel in list(server.active_channels.values()):
        channel.close()
    server.trigger.close()
    server.task_dispatcher.shutdown(timeout=max(0.0, deadline - time.monotonic()))
    return drained


def _channels_busy(server: BaseWSGIServer) -> bool:
    return any(
        channel.requests or channel.total_outbufs_len or channel.request is not None
        for channel in server.active_channels.values()
    )


def finish_within(label: str, work: Callable[[], None], seconds: float) -> bool:
    """Runs `work` (a blocking shutdown) in a helper thread; False when it is still running after `seconds`."""
    worker = threading.Thread(target=work, name=f"stop-{label}", daemon=True)
    worker.start()
    worker.join(max(0.0, seconds))
    if worker.is_alive():
        logger.warning("gave up waiting for %s after %.0f s", label, seconds)
        return False
    return True


def drain_listeners(executor: Executor, seconds: float) -> bool:
    return finish_within("lazy listeners", lambda: executor.shutdown(wait=True), seconds)


def stop_background(executor: Executor, scheduler: BaseScheduler, deadline: float) -> int:
    """After requests stop: lazy listeners finish, then the scheduler (waiting for a running job or sender).

    Returns the exit status; when something is still running at the deadline the process leaves
    at once with 1, since its worker threads would otherwise keep it alive.
    """
    request_stop()  # the outbox sender finishes the post in hand and claims no more
    scheduler.pause()
    finished = drain_listeners(executor, deadline - time.monotonic())
    jobs_stopped = finish_within("scheduled jobs", lambda: scheduler.shutdown(wait=True), deadline - time.monotonic())
    finished = jobs_stopped and finished
    if finished:
        logger.info("stopped cleanly")
        return 0
    logging.shutdown()
    os._exit(1)
