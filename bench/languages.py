"""What speaking the reader's language costs a request.

    .venv/bin/python bench/languages.py [--requests 2000]

Measures, on a SQLite file: reading a reader's language choices in the command's own, already open,
session (three primary-key reads), a `tr` lookup in Russian, the first use of a language's catalogs (merged
from every compiled `.mo`), and how many users.info calls the People cache leaves for many requests of one
reader. Targets: the choice under 1 ms at the median (p95 is printed: on a loaded machine it is the
scheduler's), `tr` under 5 µs, a language's first load under 100 ms, one users.info call per reader per
cache period.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import select

from bot.people import SlackPeople
from commands.language import read_choices, slack_locale
from domain import language
from domain.catalogs import compile_all
from storage.database import create_database_engine
from storage.migrate import upgrade
from storage.settings import put_member_option, put_workspace_option
from storage.unit_of_work import UnitOfWork

TARGETS = {"choice_median_ms": 1.0, "tr_us": 5.0, "first_load_ms": 100.0}


class CountingClient:
    """Stands in for the Web API client: answers users.info and counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def users_info(self, **_: Any) -> dict[str, Any]:
        self.calls += 1
        return {"user": {"id": "U1", "locale": "ru-RU", "profile": {}}}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = create_database_engine(url)
        upgrade(engine)
        now = datetime.now(UTC)
        with UnitOfWork(engine) as uow:
            put_workspace_option(session=uow.session, team_id="T1", key="language", value="pl", now=now, user="U0")
            put_member_option(session=uow.session, team_id="T1", user_id="U1", key="my-language", value="ru", now=now)
            uow.commit()
        samples = []
        for _ in range(args.requests):
            with UnitOfWork(engine) as uow:
                uow.session.exec(select(1)).one()  # the command's transaction is open already
                started = time.perf_counter()
                read_choices(session=uow.session, team_id="T1", user_id="U1")
                samples.append((time.perf_counter() - started) * 1000)
        choice_median, choice_p95 = statistics.median(samples), statistics.quantiles(samples, n=20)[18]
    compile_all()
    language._catalog.cache_clear()
    started = time.perf_counter()
    with language.speaking("ru"):
        language.tr("Discovery")
        first_load = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        for _ in range(100_000):
            language.tr("Discovery")
        tr_us = (time.perf_counter() - started) / 100_000 * 1e6
    client = CountingClient()
    people = SlackPeople(client)  # type: ignore[arg-type]
    for _ in range(args.requests):
        slack_locale(people, "U1", ask_slack=True)
    measured = {"choice_median_ms": choice_median, "tr_us": tr_us, "first_load_ms": first_load}
    print(f"choice_p95_ms: {choice_p95:.3f}")
    for name, value in measured.items():
        print(f"{name}: {value:.3f} (target < {TARGETS[name]})")
    print(f"users.info calls for {args.requests} requests of one reader: {client.calls} (target 1)")
    ok = all(measured[name] < TARGETS[name] for name in TARGETS) and client.calls == 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
