"""What writing each DM in its recipient's language costs a job that writes to many members.

    .venv/bin/python bench/dm_languages.py [--owners 500] [--latency-ms 20]

Measures `commands.language.languages_to_write_to` for `--owners` members on a SQLite file, one run's
transaction: a tenth chose `my-language` (never asked of Slack), the rest are asked with users.info, each
answer taking `--latency-ms` (a stand-in client). First run: nothing cached, LOOKUP_THREADS calls at a time;
second run (the next job within 5 minutes): everything cached. Targets: the first run under a third of the
serial time (owners × latency), the second under 1 s with no users.info call.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.people import SlackPeople
from commands.language import languages_to_write_to
from storage.database import create_database_engine
from storage.migrate import upgrade
from storage.settings import put_member_option
from storage.unit_of_work import UnitOfWork


class SlowClient:
    """Stands in for the Web API client: answers users.info after `latency` seconds and counts the calls."""

    def __init__(self, latency: float) -> None:
        self.latency, self.calls = latency, 0
        self._lock = threading.Lock()

    def users_info(self, *, user: str, **_: Any) -> dict[str, Any]:
        with self._lock:
            self.calls += 1
        time.sleep(self.latency)
        return {"user": {"id": user, "locale": "pl-PL", "profile": {}}}


def timed_run(engine: Any, people: SlackPeople, owners: list[str]) -> tuple[float, dict[str, str]]:
    started = time.perf_counter()
    with UnitOfWork(engine) as uow:
        languages = languages_to_write_to(uow.session, people, team_id="T1", user_ids=owners)
    return time.perf_counter() - started, languages


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    args = parser.parse_args()
    owners = [f"U{n:06}" for n in range(args.owners)]
    with tempfile.TemporaryDirectory() as folder:
        engine = create_database_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine)
        now = datetime.now(UTC)
        with UnitOfWork(engine) as uow:
            for owner in owners[::10]:
                put_member_option(
                    session=uow.session, team_id="T1", user_id=owner, key="my-language", value="ru", now=now
                )
            uow.commit()
        client = SlowClient(args.latency_ms / 1000)
        people = SlackPeople(client)  # type: ignore[arg-type]
        first, languages = timed_run(engine, people, owners)
        first_calls = client.calls
        second, _ = timed_run(engine, people, owners)
    serial = args.owners * args.latency_ms / 1000
    print(f"owners: {args.owners}, users.info latency {args.latency_ms} ms (serial would be {serial:.1f} s)")
    print(f"first run: {first:.2f} s, {first_calls} users.info calls (target < {serial / 3:.1f} s)")
    print(f"second run: {second:.2f} s, {client.calls - first_calls} users.info calls (target < 1 s, 0 calls)")
    counts = {code: sum(value == code for value in languages.values()) for code in ("ru", "pl")}
    print(f"languages: {counts}")
    ok = first < serial / 3 and second < 1 and client.calls == first_calls
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
