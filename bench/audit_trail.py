"""Times reading the audit trail at size and checks it against the targets.

    .venv/bin/python bench/audit_trail.py [--rows N] [--database-url URL]

A workspace with N audit rows (200,000 by default: 2,000 partners × 100 changes, by 20 people), beside
another workspace as big. Targets: a partner's `history` page and the workspace's first `audit` page
(everyone, one person, since a day) each under 0.2 s; `partnerbot audit export` over 5,000 rows a second.
Prints PASS or FAIL and exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text

from bench.engines import bench_engine
from commands.audit_export import export_trail
from commands.context import Invocation
from commands.verbs import handle
from storage.audit import AUDIT, Actor, audit_row
from storage.unit_of_work import UnitOfWork

PARTNERS = 2_000
PEOPLE = 20
PAGE_TARGET_SECONDS = 0.2
EXPORT_TARGET_ROWS_PER_SECOND = 5_000
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def fill(invocation: Invocation, rows: int) -> None:
    for team in ("T1", "T2"):
        with invocation.database() as uow:
            uow.session.exec(  # type: ignore[call-overload]
                insert(AUDIT),
                params=[
                    audit_row(
                        Actor(f"U{index % PEOPLE:04d}", "command", NOW - timedelta(minutes=rows - index)),
                        team_id=team, kind="partner.edited", partner_id=1 + index % PARTNERS,
                        before={"notes": f"note {index}"}, after={"notes": f"note {index + 1}"},
                    )
                    for index in range(rows)
                ],
            )  # fmt: skip
            uow.commit()
    with invocation.database() as uow:  # a live database has statistics (autovacuum); a fresh load has none
        uow.session.exec(text("ANALYZE audit_entry"))  # type: ignore[call-overload]
        uow.commit()
    handle("add Acme", invocation)


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with bench_engine(args.database_url) as engine:
        invocation = Invocation("T1", "U0001", NOW, ZoneInfo("Europe/Warsaw"), lambda: UnitOfWork(engine))
        fill(invocation, args.rows)
        print(f"{args.rows:,} audit rows per workspace on {engine.dialect.name}")
        ok = True
        for line in ("history Acme", "audit", "audit page 50", "audit <@U0007|x>", "audit since=2026-11-22"):
            seconds = timed(lambda line=line: handle(line, invocation))
            verdict = "PASS" if seconds < PAGE_TARGET_SECONDS else "FAIL"
            ok &= verdict == "PASS"
            print(f"  {line:<26} {seconds * 1000:8.1f} ms  {verdict}")
        with tempfile.TemporaryDirectory() as folder:
            count = [0]
            seconds = timed(lambda: count.__setitem__(0, export_trail(Path(folder) / "audit.csv", invocation)))
        rate = count[0] / seconds
        verdict = "PASS" if rate > EXPORT_TARGET_ROWS_PER_SECOND else "FAIL"
        ok &= verdict == "PASS"
        print(f"  {'audit export':<26} {seconds:8.2f} s   {rate:,.0f} rows/s  {verdict}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
