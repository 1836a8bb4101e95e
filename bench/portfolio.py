"""A synthetic portfolio with a fixed seed, written with bulk inserts: the benches build it at 100,000
partners, the tests at a few hundred.

Per partner on average: 10 stage moves, 2 feedback answers, 5 KPI entries (two figures each) and half a
score answer, spread over the two years before `now`; owners, types and names repeat as in real teams.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, inspect, text

from domain.feedback import DEFAULT_PAIN_POINTS
from domain.journey import DEFAULT_JOURNEY
from domain.partner import PARTNER_TYPES, name_key
from domain.scorecard import DEFAULT_SCORECARD
from domain.scoring import rater_score
from storage.activity import backfill as backfill_activity
from storage.dated_activity import backfill as backfill_dated_activity
from storage.feedback_tallies import rebuild as rebuild_tallies
from storage.kpi_rollups import rebuild
from storage.score_spans import rebuild as rebuild_score_spans

SEED = 20261130
SPAN = timedelta(days=730)
OWNERS = tuple(f"U0OWNER{n:02d}" for n in range(20))
LEADS = tuple(f"U0LEAD{n:02d}" for n in range(8))
WORDS = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Ромашка", "Żabka", "Łódź", "Vandelay", "Stark", "Wayne")
SUFFIXES = ("Digital", "Systems", "Partners", "Soft", "Labs", "Group", "Tech", "Софт", "Consulting")


@dataclass(frozen=True)
class Portfolio:
    team_id: str
    partners: int
    now: datetime
    names: tuple[str, ...]


def partner_name(number: int) -> str:
    rng = random.Random(number)
    return f"{rng.choice(WORDS)} {rng.choice(SUFFIXES)} {number:06d}"


def _stamp(moment: datetime, sqlite: bool) -> Any:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ") if sqlite else moment


Row = tuple[str, tuple[Any, ...]]


def _rows(team_id: str, count: int, now: datetime, first_id: int, sqlite: bool) -> Iterator[Row]:
    rng = random.Random(SEED + count)
    stages = DEFAULT_JOURNEY.keys
    start = now - SPAN
    for offset in range(count):
        pid = first_id + offset
        name = partner_name(pid - first_id)
        created = start + timedelta(seconds=rng.uniform(0, SPAN.total_seconds() - 86400 * 3))
        moments = sorted(created + timedelta(seconds=rng.uniform(0, (now - created).total_seconds())) for _ in range(9))
        path, stage = [stages[0]], 0
        for _ in moments:
            stage = min(len(stages) - 1, max(0, stage + rng.choice((1, 1, 1, -1, 0))))
            path.append(stages[stage] if stages[stage] != path[-1] else stages[(stage + 1) % len(stages)])
        times = [created, *moments]
        yield "partner", (
            pid, team_id, name, name_key(name), path[-1], _stamp(times[-1], sqlite), rng.choice(PARTNER_TYPES),
            rng.choice(OWNERS), rng.random() < 0.02, _stamp(created, sqlite),
        )
        for index, moment in enumerate(times):
            yield "stage_move", (team_id, pid, path[index - 1] if index else None, path[index], _stamp(moment, sqlite))
        for _ in range(2):
            moment = created + timedelta(seconds=rng.uniform(0, (now - created).total_seconds()))
            pains = ",".join(rng.sample(DEFAULT_PAIN_POINTS, rng.randint(0, 2)))
            yield "feedback", (
                team_id, pid, rng.choice(stages), rng.randint(1, 5), rng.randint(0, 10), pains, _stamp(moment, sqlite)
            )
        for _ in range(5):
            moment = created + timedelta(seconds=rng.uniform(0, (now - created).total_seconds()))
            entry = str(uuid.UUID(int=rng.getrandbits(128)))
            for metric, value in (("leads", rng.randint(0, 30)), ("revenue", rng.randint(0, 50_000))):
                yield "kpi_value", (team_id, pid, entry, metric, value, moment.date(), _stamp(moment, sqlite))
        if offset % 2 == 0:
            target = first_id + rng.randrange(max(1, count // 5))
            moment = now - timedelta(seconds=rng.uniform(0, SPAN.total_seconds()))
            answers = {c.key: rng.randint(1, 5) for c in DEFAULT_SCORECARD.criteria}
            score = rater_score(answers, DEFAULT_SCORECARD)
            rater = rng.choice(LEADS)
            yield "score_submission", (team_id, target, rater, 0, json.dumps(answers), score, _stamp(moment, sqlite))


COLUMNS = {
    "partner": "id, team_id, name, name_key, stage, stage_entered_at, type, owner, archived, created_at",
    "stage_move": "team_id, partner_id, from_stage, to_stage, moved_at",
    "feedback": "team_id, partner_id, stage, csat, nps, pain_points, recorded_at",
    "kpi_value": "team_id, partner_id, entry_id, metric, value, on_date, recorded_at",
    "score_submission": "team_id, partner_id, rater, scorecard_version, answers_json, rater_score, submitted_at",
}
FILLED = {
    "partner": {"created_by": "'bench'"},
    "stage_move": {"moved_by": "'bench'"},
    "feedback": {"recorded_by": "'bench'"},
    "kpi_value": {"recorded_by": "'bench'"},
    "score_submission": {},
}
ORDER = ("partner", "stage_move", "feedback", "kpi_value", "score_submission")
SUMS = ("kpi_day", "kpi_partner_total", "feedback_tally", "score_span")


def _first_id(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT COALESCE(MAX(id), 0) FROM partner")).scalar_one()) + 1


def build_portfolio(
    engine: Engine, *, team_id: str, partners: int, now: datetime, batch: int = 20_000, before_0008: bool = False
) -> Portfolio:
    """Writes the portfolio of `partners` partners into a migrated database, in batches of bulk inserts
    (`before_0008`: into the schema before rater scores and KPI sums were kept, to test that migration)."""
    sqlite = engine.dialect.name == "sqlite"
    first_id = _first_id(engine)
    buffers: dict[str, list[tuple[Any, ...]]] = {table: [] for table in ORDER}
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()

        def flush(tables: Sequence[str]) -> None:
            for table in tables:
                rows = buffers[table]
                if not rows:
                    continue
                columns = COLUMNS[table]
                if before_0008 and table == "score_submission":
                    columns = columns.replace(" rater_score,", "")
                    rows[:] = [row[:5] + row[6:] for row in rows]
                names = columns + "".join(f", {column}" for column in FILLED[table])
                if sqlite:
                    marks = ", ".join("?" for _ in rows[0]) + "".join(f", {v}" for v in FILLED[table].values())
                    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
                else:
                    extra = tuple(value.strip("'") for value in FILLED[table].values())
                    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                        for row in rows:
                            copy.write_row(row + extra)
                rows.clear()

        if sqlite:
            cursor.execute("BEGIN")
        for table, row in _rows(team_id, partners, now, first_id, sqlite):
            buffers[table].append(row)
            if len(buffers[table]) >= batch and table != "score_submission":
                flush(ORDER[:-1])  # parents first, so foreign keys hold
        flush(ORDER)  # answers last: they may score a partner written after them
        raw.commit()
    finally:
        raw.close()
    if not before_0008:
        with engine.begin() as connection:
            rebuild(connection, team_id)
            rebuild_tallies(connection, team_id)
            backfill_activity(connection, team_id)
            if "last_event_at" in {column["name"] for column in inspect(connection).get_columns("partner")}:
                backfill_dated_activity(connection, team_id)
            if inspect(connection).has_table("score_span"):
                rebuild_score_spans(connection, team_id)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if not sqlite:  # the ids were given, so the sequence must be told where they end
            cursor.execute("SELECT setval(pg_get_serial_sequence('partner', 'id'), (SELECT MAX(id) FROM partner))")
        raw.commit()
        if sqlite:
            cursor.execute("ANALYZE")
            raw.commit()
        else:  # as autovacuum would have by now: statistics, and the visibility map index-only scans need
            driver = raw.driver_connection
            driver.autocommit = True  # type: ignore[union-attr]
            try:
                tables = ORDER if before_0008 else (*ORDER, *SUMS)
                driver.execute(f"VACUUM ANALYZE {', '.join(tables)}")  # type: ignore[union-attr]
            finally:
                driver.autocommit = False  # type: ignore[union-attr]
    finally:
        raw.close()
    return Portfolio(team_id, partners, now, tuple(partner_name(n) for n in range(min(partners, 1000))))
