"""A `partnerbot serve` worker's memory over the requests users send, for `bench/scale.py`'s RSS line.

The process loads what `partnerbot serve` loads (`bot.app`, the HTTP server, the scheduler and the outbox
sender) and nothing of the bench's own: charts are drawn only as the sender draws them, after a reply posted
in a channel (the journey map, the alliance matrix). Requests come from eight threads, as the HTTP server's,
one at a time, each from one of the portfolio's owners, in a mix of what a partnership team does in a day:
mostly partner cards and lists, the App Home, now and then a dashboard and a chart; every name of the
portfolio may be asked for, so the database pages read are as varied as in use. Nothing is written, so the
cached portfolio stays as built.
"""

from __future__ import annotations

import gc
import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from zoneinfo import ZoneInfo

import bot.app
import bot.http
import bot.outbox.sending
import bot.scheduler  # noqa: F401  (with the three above: what `partnerbot serve` imports)
from bench.portfolio import OWNERS, partner_name
from bot.digest_charts import plans_for, render
from bot.memory import freeze_start_up, limit_malloc_arenas
from bot.payloads import message_payload
from bot.views.home import build_home_view
from commands.context import Invocation
from commands.home import home_overview
from commands.verbs import handle
from storage.unit_of_work import UnitOfWork

THREADS = 8
"""As `partnerbot serve`'s HTTP threads (bot/cli.py HTTP_THREADS)."""
IN_FLIGHT = 1
"""Requests served at once: one workspace's traffic, not a load test (on SQLite every unit of work takes the
write lock up front, so a second request at once only waits in SQLite's busy handler)."""
STAGES = ("discovery", "attraction", "onboarding", "support", "goal")
Request = Callable[[random.Random, int], str]
MIX: tuple[tuple[int, Request], ...] = (
    (30, lambda rng, size: f'show "{partner_name(rng.randrange(size))}"'),
    (4, lambda rng, size: f'show "{partner_name(rng.randrange(size))[:-2]}x"'),
    (6, lambda rng, size: "list"),
    (4, lambda rng, size: f"list {rng.choice(STAGES)}"),
    (4, lambda rng, size: f"list page {rng.randint(2, 40)}"),
    (3, lambda rng, size: f"list owner=<@{rng.choice(OWNERS)}>"),
    (2, lambda rng, size: f"list {rng.choice(STAGES)} owner=<@{rng.choice(OWNERS)}> type=reseller"),
    (4, lambda rng, size: "stalled"),
    (4, lambda rng, size: "stalled owner=@me"),
    (3, lambda rng, size: "rank"),
    (1, lambda rng, size: f"rank stage={rng.choice(STAGES)}"),
    (2, lambda rng, size: "map"),
    (4, lambda rng, size: "kpis"),
    (1, lambda rng, size: f"kpis by {rng.choice(('type', 'owner', 'stage'))}"),
    (1, lambda rng, size: "kpis type=reseller"),
    (2, lambda rng, size: "target"),
    (1, lambda rng, size: "retention"),
    (1, lambda rng, size: "alliance matrix"),
    (2, lambda rng, size: "stages"),
    (3, lambda rng, size: "help"),
    (10, lambda rng, size: ""),  # the App Home, opened
)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Worker:
    def __init__(self, engine: object, *, team_id: str, size: int, now: object) -> None:
        self.engine, self.team_id, self.size, self.now = engine, team_id, size, now
        self.lines = [request for weight, request in MIX for _ in range(weight)]
        self.in_flight = threading.BoundedSemaphore(IN_FLIGHT)

    def invocation(self, user: str) -> Invocation:
        return Invocation(self.team_id, user, self.now, ZoneInfo("Europe/Warsaw"), lambda: UnitOfWork(self.engine))

    def serve_one(self, seed: int) -> None:
        """One request as a listener serves it: the reply rendered as Block Kit, and any chart a reply posted in
        a channel carries drawn as the outbox sender would."""
        with self.in_flight:
            self._serve(random.Random(seed))

    def _serve(self, rng: random.Random) -> None:
        invocation = self.invocation(rng.choice(OWNERS))
        line = rng.choice(self.lines)(rng, self.size)
        if not line:
            build_home_view(home_overview(invocation)).to_dict()
            return
        reply = handle(line, invocation)
        if reply.body is None:
            return
        message_payload(reply.body, public=reply.public)
        if reply.post_in_channel:
            for plan in plans_for(reply.body):
                render(plan)

    def serve(self, first_seed: int, count: int) -> None:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            for _ in pool.map(self.serve_one, range(first_seed, first_seed + count)):
                pass


def measure(engine: object, *, team_id: str, size: int, now: object, requests: int) -> tuple[float, float]:
    """RSS after `requests` requests, and its growth over `requests` more."""
    limit_malloc_arenas()  # as `partnerbot serve` does before it starts its threads
    worker = Worker(engine, team_id=team_id, size=size, now=now)
    freeze_start_up()  # as `partnerbot serve` does before it serves
    worker.serve(0, requests)
    gc.collect()
    first = rss_mib()
    worker.serve(requests, requests)
    gc.collect()
    return first, rss_mib() - first
