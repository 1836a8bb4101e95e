"""Partner lookup must cost the same at 100 partners and at 100,000 (the casefolded-name index).

    .venv/bin/python bench/lookup.py [--large 100000] [--lookups 3000] [--database-url URL]

Fills one team with 100 partners and another with --large, then times `find_partner` and the whole
`/partner show` command in both, in one run, and compares the ratio large/small with the target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, insert, text
from sqlmodel import Session

from bench.engines import bench_engine
from commands.context import Invocation
from commands.verbs import handle
from domain.partner import name_key
from storage.registry import find_partner
from storage.tables import Partner
from storage.unit_of_work import UnitOfWork

TARGET_RATIO = 2.0
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def fill(engine: Engine, team_id: str, count: int) -> list[str]:
    names = [f"Partner {index:06d} Ż" for index in range(count)]
    rows = [
        {
            "team_id": team_id,
            "name": name,
            "name_key": name_key(name),
            "stage": "discovery",
            "stage_entered_at": NOW,
            "archived": False,
            "created_at": NOW,
            "created_by": "bench",
        }
        for name in names
    ]
    with engine.begin() as connection:
        for start in range(0, len(rows), 5000):
            connection.execute(insert(Partner), rows[start : start + 5000])
    return names


def time_lookups(engine: Engine, team_id: str, names: list[str], lookups: int) -> float:
    """Median microseconds per case-insensitive lookup, over `lookups` random names."""
    picks = [random.choice(names).upper() for _ in range(lookups)]
    samples = []
    with Session(engine) as session:
        for name in picks:
            started = time.perf_counter()
            assert find_partner(session=session, team_id=team_id, name=name) is not None
            samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1e6


def time_show(engine: Engine, team_id: str, names: list[str], count: int) -> float:
    """Median milliseconds for the whole `/partner show NAME` command (parse, lookup, history, card)."""
    invocation = Invocation(team_id, "U1", NOW, ZoneInfo("Europe/Warsaw"), lambda: UnitOfWork(engine))
    samples = []
    for _ in range(count):
        name = random.choice(names)
        started = time.perf_counter()
        handle(f'show "{name}"', invocation)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=3000)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temporary folder")
    args = parser.parse_args()
    random.seed(7)
    with bench_engine(args.database_url) as engine:
        small, large = fill(engine, "T_SMALL", 100), fill(engine, "T_LARGE", args.large)
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("ANALYZE partner"))
        time_lookups(engine, "T_LARGE", large, 200)  # warm caches before measuring either side
        results = {}
        for label, team, names in (("100", "T_SMALL", small), (f"{args.large:,}", "T_LARGE", large)):
            results[label] = (time_lookups(engine, team, names, args.lookups), time_show(engine, team, names, 300))
            print(
                f"{engine.dialect.name:>10} {label:>8} partners: lookup {results[label][0]:7.1f} µs   "
                f"/partner show {results[label][1]:6.2f} ms"
            )
        (small_lookup, small_show), (large_lookup, large_show) = results.values()
        ratios = (large_lookup / small_lookup, large_show / small_show)
        verdict = "PASS" if max(ratios) <= TARGET_RATIO else "FAIL"
        print(f"ratio large/small: lookup {ratios[0]:.2f}, show {ratios[1]:.2f}; target ≤ {TARGET_RATIO} → {verdict}")
        return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
