"""Every portfolio-wide command, job and surface at 1,000 / 10,000 / 100,000 partners, against the targets.

    .venv/bin/python bench/scale.py [--sizes 1000,10000,100000] [--database-url URL] [--runs 30]

Builds (once; SQLite files are kept in bench/.cache, PostgreSQL schemas `pb_scale_N`) the portfolio of
`bench/portfolio.py` at each size, then times each command's work (parse → reply, warm process) as
p50/p99, the weekly digest (database work, and with its three charts), the stalled summary (count and
first page), the App Home, and the process RSS over mixed requests, each beside its target and its
ratio to the 1k figure. A command meets its target when its p99 is within 100 ms and its p50 within twice
the first size's (or within 5 ms): the p99 of a few dozen runs on a shared machine is its slowest run,
which says more about the neighbours than about the command.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, create_engine, text

from bench.portfolio import OWNERS, build_portfolio, partner_name
from bot.digest_charts import charts_for
from bot.memory import freeze_start_up
from bot.views.home import build_home_view
from commands.context import Invocation
from commands.digest import build_digest
from commands.home import home_overview
from commands.replies import Notice, Reply
from commands.stalls.summary import build_summary, claim_due
from commands.verbs import handle
from storage.database import create_database_engine
from storage.migrate import upgrade
from storage.throwaway import trigrams_in_public
from storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TEAM = "T_SCALE"
CACHE = Path(__file__).resolve().parent / ".cache"
ME = OWNERS[1]
COMMANDS = (
    "list",
    f"list discovery owner=<@{ME}> type=reseller",
    "list page 40",
    "stalled",
    "stalled owner=@me",
    "rank",
    "rank stage=support",
    "map",
    "kpis",
    "kpis by type",
    "kpis by owner",
    "kpis by stage",
    "kpis type=reseller",
    "kpis by type stage=support",
    f"kpis by stage owner=<@{ME}>",
    "kpis by owner type=reseller",
    f"kpis type=reseller owner=<@{ME}>",
    "kpis stage=discovery type=agency",
    "target",
    "retention",
    "alliance matrix",
    "stages",
    f'show "{partner_name(7)}"',
    f'show "{partner_name(7)[:-3]}x"',
)
WRITES = (
    (f'advance "{partner_name(11)}" support', f'advance "{partner_name(11)}" discovery'),
    (f'set "{partner_name(12)}" type=reseller', f'set "{partner_name(12)}" type=agency'),
    (f'kpi "{partner_name(13)}" leads=3 revenue=1200', f'kpi "{partner_name(13)}" leads=1'),
    (f'feedback "{partner_name(14)}" csat=4 nps=9', f'feedback "{partner_name(14)}" csat=2 nps=5'),
)
"""Per-partner changes, each timed as it alternates between two forms: every kept tally and span they move is
written in the same transaction, so their time is what the triggers cost."""
COMMAND_TARGET_MS = 100.0
RSS_TARGET_MIB = 150.0


def engine_for(url: str | None, size: int) -> Engine:
    """A migrated engine holding the portfolio of `size` partners, built on first use and kept."""
    if url is None or url.startswith("sqlite"):
        CACHE.mkdir(exist_ok=True)
        engine = create_database_engine(f"sqlite:///{CACHE / f'scale-{size}.db'}")
    else:
        schema = f"pb_scale_{size}"
        admin = create_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        trigrams_in_public(admin)
        admin.dispose()
        engine = create_database_engine(url, schema=schema)
    upgrade(engine)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT COUNT(*) FROM partner WHERE team_id = :t"), {"t": TEAM}).scalar_one()
    if count != size:
        started = time.perf_counter()
        build_portfolio(engine, team_id=TEAM, partners=size, now=NOW)
        print(f"  built {size:,} partners in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return engine


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """p50 and p99 in milliseconds, after two warm-up runs."""
    for _ in range(2):
        work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.99 * (len(samples) - 1)))]


PROGRAM_TARGETS = ("target revenue=500k leads=2000 per=quarter", "target deals=50 per=month")
"""Set before timing, so `kpis`, `target`, the App Home and the digest show actual against target."""


def measure(engine: Engine, runs: int, only: Sequence[str] = ()) -> dict[str, tuple[float, float]]:
    """Each command's and job's p50/p99 (`only`: just those whose name holds one of the substrings)."""

    def wanted(name: str) -> bool:
        return not only or any(part in name for part in only)

    invocation = Invocation(TEAM, ME, NOW, ZoneInfo("Europe/Warsaw"), lambda: UnitOfWork(engine))
    for command in PROGRAM_TARGETS:
        handle(command, invocation)
    results: dict[str, tuple[float, float]] = {}
    for command in COMMANDS:
        if not wanted(f"/partner {command}"):
            continue
        results[f"/partner {command}"] = timed(lambda command=command: handle(command, invocation), runs)

    for first, second in WRITES:
        name = f"/partner {first.split(' ', 1)[0]} (alternating with {second.rsplit(' ', 1)[-1]})"
        if wanted(name):
            forms = itertools.cycle((first, second))
            results[name] = timed(lambda forms=forms: _changed(handle(next(forms), invocation)), runs)

    def digest_db() -> object:
        with invocation.unit_of_work() as uow:
            return build_digest(uow.session, invocation)

    if wanted("digest: database work"):
        results["digest: database work"] = timed(digest_db, max(5, runs // 3))
    if wanted("digest: with 3 charts"):
        results["digest: with 3 charts"] = timed(lambda: charts_for(digest_db()), max(5, runs // 6))

    def stalled_summary() -> object:
        """The job's claims and summary, as a first run over the whole backlog (rolled back: each run repeats)."""
        with invocation.unit_of_work() as uow:
            claimed = claim_due(uow.session, invocation)
            return build_summary([line for _, line in claimed.alerts], claimed.stalled)

    if wanted("stalled summary job"):
        results["stalled summary job"] = timed(stalled_summary, runs)
    if wanted("App Home"):
        results["App Home"] = timed(lambda: build_home_view(home_overview(invocation)), runs)
    return results


def _changed(reply: Reply) -> Reply:
    """A change that failed would time its error reply: the bench stops instead."""
    if isinstance(reply.body, Notice) and reply.body.tone == "error":
        raise SystemExit(f"a timed change failed: {reply.body}")
    return reply


def worker_rss(url: str | None, size: int, requests: int) -> tuple[float, float]:
    """A fresh process serving mixed requests as a `partnerbot serve` worker would (bench/worker.py): its RSS
    after `requests`, and the growth over `requests` more."""
    command = [sys.executable, __file__, "--worker", str(size), "--requests", str(requests)]
    if url:
        command += ["--database-url", url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()
    return float(output[-2]), float(output[-1])


def serve_mixed(url: str | None, size: int, requests: int) -> None:
    from bench import worker  # only in the worker's own process: it loads what `partnerbot serve` loads

    engine = engine_for(url, size)
    first, growth = worker.measure(engine, team_id=TEAM, size=size, now=NOW, requests=requests)
    print(f"{first:.1f} {growth:.1f}")


TARGETS = {
    "digest: database work": 100.0,
    "digest: with 3 charts": 1000.0,
    "stalled summary job": 1000.0,
    "App Home": 200.0,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--database-url", default=None, help="default: SQLite files in bench/.cache")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--requests", type=int, default=2000, help="mixed requests per RSS half")
    parser.add_argument("--only", default="", help="comma-separated substrings: time just the matching rows")
    parser.add_argument("--worker", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        serve_mixed(args.database_url, args.worker, args.requests)
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    table: dict[int, dict[str, tuple[float, float]]] = {}
    for size in sizes:
        engine = engine_for(args.database_url, size)
        freeze_start_up()  # a warm process, as `partnerbot serve` is when it starts serving
        only = [part for part in args.only.split(",") if part]
        table[size] = measure(engine, args.runs, only)
        engine.dispose()
        if not only or any(part in "worker RSS" for part in only):
            table[size]["worker RSS (MiB) / growth"] = worker_rss(args.database_url, size, args.requests)
    dialect = "postgresql" if args.database_url and not args.database_url.startswith("sqlite") else "sqlite"
    print(f"\n{dialect}: p50 / p99 in ms (RSS: MiB after N requests / growth over N more)")
    print(f"| what | target | {' | '.join(f'{s:,}' for s in sizes)} | p50 ratio to {sizes[0]:,} | verdict |")
    print(f"| --- | --- | {' | '.join('---' for _ in sizes)} | --- | --- |")
    failed = False
    for name in table[sizes[0]]:
        cells = [f"{table[s][name][0]:.1f} / {table[s][name][1]:.1f}" for s in sizes]
        first, last = table[sizes[0]][name], table[sizes[-1]][name]
        if name.startswith("worker RSS"):
            target = f"≤ {RSS_TARGET_MIB:.0f} / ≤ 5"
            ok = last[0] <= RSS_TARGET_MIB and last[1] <= 5
            ratio = "—"
        else:
            limit = TARGETS.get(name, COMMAND_TARGET_MS)
            ratio_value = last[0] / first[0] if first[0] else float("inf")
            ok = last[1] <= limit and (name not in COMMANDS_ONLY or ratio_value <= 2 or last[0] <= 5)
            target = f"≤ {limit:.0f}" + (" & ≤ 2×" if name in COMMANDS_ONLY else "")
            ratio = f"{ratio_value:.2f}"
        failed |= not ok
        print(f"| {name} | {target} | {' | '.join(cells)} | {ratio} | {'ok' if ok else 'MISS'} |")
    return 1 if failed else 0


COMMANDS_ONLY = {f"/partner {command}" for command in COMMANDS} | {
    f"/partner {first.split(' ', 1)[0]} (alternating with {second.rsplit(' ', 1)[-1]})" for first, second in WRITES
}

if __name__ == "__main__":
    sys.exit(main())
