"""KPI breakdowns, targets and retention at 100,000 partners: every figure is an aggregate in SQL.

    .venv/bin/python bench/breakdowns.py [--partners 100000] [--runs 5] [--database-url URL]

Fills one team with --partners partners (types, sizes, sources, owners and stages spread over them), one
KPI entry of three figures, a touchpoint for every other partner and feedback for every fifth, then times
the commands end to end (parse, queries, reply) and prints the median of --runs runs each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, insert, select, text

from bench.engines import bench_engine
from commands.context import Invocation
from commands.verbs import handle
from domain.partner import PARTNER_SIZES, PARTNER_SOURCES, PARTNER_TYPES
from storage.journey_tables import Touchpoint
from storage.tables import Feedback, KpiValue, Partner
from storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STAGES = ("discovery", "attraction", "onboarding", "support", "goal")
COMMANDS = (
    "kpis by type", "kpis by owner", "kpis by stage", "kpis type=reseller source=events", "kpis", "retention",
    "target revenue=500k per=quarter",
)
BATCH = 5000


def _insert(engine: Engine, table: object, rows: list[dict[str, object]]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(rows), BATCH):
            connection.execute(insert(table), rows[start : start + BATCH])  # type: ignore[arg-type]


def fill(engine: Engine, team: str, count: int) -> None:
    rng = random.Random(7)
    _insert(engine, Partner, [
        {
            "team_id": team, "name": f"Partner {n:06d}", "name_key": f"partner {n:06d}", "stage": rng.choice(STAGES),
            "stage_entered_at": NOW - timedelta(days=rng.randrange(200)), "archived": False,
            "created_at": NOW - timedelta(days=200), "created_by": "bench", "type": rng.choice(PARTNER_TYPES),
            "size": rng.choice(PARTNER_SIZES), "source": rng.choice(PARTNER_SOURCES),
            "owner": f"U{rng.randrange(40):03d}",
        }
        for n in range(count)
    ])
    with engine.connect() as connection:
        ids = list(connection.execute(select(Partner.id).where(Partner.team_id == team)).scalars())
    kpis, touchpoints, feedback = [], [], []
    for pid in ids:
        day = date(2026, 11, 23) - timedelta(days=rng.randrange(180))
        figures = (("leads", rng.randrange(1, 30)), ("deals", rng.randrange(5)), ("revenue", rng.randrange(50_000)))
        for metric, value in figures:
            kpis.append({"team_id": team, "partner_id": pid, "entry_id": f"e{pid}", "metric": metric, "value": value,
                         "on_date": day, "recorded_at": NOW, "recorded_by": "bench"})
        if pid % 2 == 0:
            touchpoints.append({"team_id": team, "partner_id": pid, "kind": "call", "stage": "discovery",
                                "on_date": day, "recorded_at": NOW, "recorded_by": "bench"})
        if pid % 5 == 0:
            feedback.append({"team_id": team, "partner_id": pid, "stage": "support", "csat": rng.randrange(1, 6),
                             "nps": rng.randrange(11), "pain_points": "", "recorded_at": NOW, "recorded_by": "bench"})
    _insert(engine, KpiValue, kpis)
    _insert(engine, Touchpoint, touchpoints)
    _insert(engine, Feedback, feedback)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temporary folder")
    args = parser.parse_args()
    with bench_engine(args.database_url) as engine:
        started = time.perf_counter()
        fill(engine, "T_BENCH", args.partners)
        print(f"filled {args.partners:,} partners in {time.perf_counter() - started:.0f} s")
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("ANALYZE"))
        invocation = Invocation("T_BENCH", "U1", NOW, ZoneInfo("Europe/Warsaw"), lambda: UnitOfWork(engine))
        for command in COMMANDS:
            samples = []
            for _ in range(args.runs):
                began = time.perf_counter()
                reply = handle(command, invocation)
                samples.append(time.perf_counter() - began)
            kind = type(reply.body).__name__
            print(f"{engine.dialect.name:>10} {args.partners:>8,} partners  /partner {command:<34} "
                  f"{statistics.median(samples) * 1e3:8.1f} ms  ({kind})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
