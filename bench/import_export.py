"""Times the spreadsheet hand-over on a generated portfolio and checks it against the target.

    .venv/bin/python bench/import_export.py [--rows N] [--database-url URL]

Target: importing 100,000 rows takes under 20 s (scaled linearly for more rows; never under 20 s for
fewer). Every import run is held to it: the first (all created), the re-import (all unchanged) and an
import that moves every tenth partner and re-owns every seventh. Prints PASS or FAIL and exits 1 on FAIL.

Without --database-url the database is a SQLite file in a temporary directory. A PostgreSQL URL gets a
throwaway schema (as the test fixtures do) that is dropped afterwards.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.engines import bench_engine
from commands.context import Invocation
from commands.spreadsheet import ImportReport, export_partners, import_partners
from storage.unit_of_work import UnitOfWork

TARGET_ROWS = 100_000
TARGET_SECONDS = 20.0
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Warsaw")
STAGE_SPELLINGS = ("discovery", "Attraction", "activation", "поддержка", "wsparcie", "End goal")
TYPES = ("referral", "reseller", "tech", "agency", "integrator", "")
SEGMENTS = ("fintech", "retail", "ритейл", "usługi IT", "healthcare", "")
ALLIANCES = ("before", "after", "moment", "chain", "hydra", "")

SHEET_COLUMNS = ("name", "stage", "stage_since", "owner", "segment", "type", "alliance")
T = TypeVar("T")


def write_portfolio(path: Path, rows: int, *, moved_every: int = 0, reowned_every: int = 0) -> None:
    """A sheet of `rows` partners in Latin, Polish and Cyrillic names, with ISO and dotted dates."""
    today = NOW.date()
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(SHEET_COLUMNS)
        for index in range(rows):
            name = ("Partner", "Żabka", "Ромашка")[index % 3] + f" {index:06d}"
            stage_index = index % len(STAGE_SPELLINGS)
            if moved_every and index % moved_every == 0:
                stage_index = (stage_index + 1) % len(STAGE_SPELLINGS)
            since: date = today - timedelta(days=index % 365)
            since_text = since.isoformat() if index % 2 else since.strftime("%d.%m.%Y")
            owner = f"U{index % 40:04d}" + ("X" if reowned_every and index % reowned_every == 0 else "")
            writer.writerow(
                (
                    name,
                    STAGE_SPELLINGS[stage_index],
                    since_text,
                    owner,
                    SEGMENTS[index % len(SEGMENTS)],
                    TYPES[index % len(TYPES)],
                    ALLIANCES[index % len(ALLIANCES)],
                )
            )


def timed(run: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=TARGET_ROWS)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temporary directory")
    args = parser.parse_args(argv)
    limit = TARGET_SECONDS * max(1.0, args.rows / TARGET_ROWS)
    failed = False
    with bench_engine(args.database_url) as engine, tempfile.TemporaryDirectory(prefix="partnerbot-csv-") as folder:
        invocation = Invocation("T_BENCH", "U_BENCH", NOW, ZONE, lambda: UnitOfWork(engine))
        sheet, changed, exported = (Path(folder) / name for name in ("sheet.csv", "changed.csv", "export.csv"))
        write_portfolio(sheet, args.rows)
        write_portfolio(changed, args.rows, moved_every=10, reowned_every=7)
        print(f"{args.rows:,} rows on {engine.dialect.name}; target: each import under {limit:.0f} s")
        steps: list[tuple[str, Path, bool]] = [
            ("import (all new)", sheet, True),
            ("re-import (unchanged)", sheet, True),
            ("import (changes)", changed, True),
            ("export", exported, False),
        ]
        for label, path, is_import in steps:
            if is_import:
                report, seconds = timed(lambda path=path: import_partners(path, invocation))
                assert isinstance(report, ImportReport)
                outcome = (
                    f"{report.created:,} created, {report.updated:,} updated ({report.moved:,} moved),"
                    f" {report.unchanged:,} unchanged"
                    if report.ok
                    else report.summary()
                )
                passed = report.ok and seconds < limit
                failed |= not passed
                verdict = "PASS" if passed else "FAIL"
            else:
                count, seconds = timed(lambda path=path: export_partners(path, invocation))
                outcome, verdict = f"{count:,} rows written", ""
            print(f"  {label:<22} {seconds:7.2f} s  {args.rows / seconds:>9,.0f} rows/s  {verdict:<4}  {outcome}")
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
