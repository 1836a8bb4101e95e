"""Exporting a team's active partners (and, on request, their history) as CSV, a page of partners at a time.

One row per partner: its profile in the import columns (so the file imports back unchanged) followed by
figures that only an export carries (days in stage, score, last CSAT/NPS, all-time KPI totals). The encoding
is UTF-8 with a BOM (`utf-8-sig`): without one, Excel reads a CSV in the machine's ANSI code page and garbles
Cyrillic and Polish names. `sep=;` suits Excel in Poland and Russia, where a double-clicked comma file lands
in one column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlmodel import Session

from commands.context import Invocation
from commands.spreadsheet.columns import EXPORT_COLUMNS, alliances_cell, column_titles
from domain import scoring
from domain.clock import days_between, local_date
from storage import exports
from storage.alliance_figures import kpis_by_partner
from storage.alliances import partner_alliances
from storage.handovers import bonuses_by_partner, handovers_by_partner
from storage.scoring import current_scorecard, submissions
from storage.tables import Partner

KPI_COLUMNS = ("leads", "mql", "sql", "deals", "revenue", "cost")


def _page_rows(session: Session, invocation: Invocation, page: list[Partner]) -> Iterator[list[str]]:
    team, ids = invocation.team_id, [p.id for p in page if p.id is not None]
    scorecard = current_scorecard(session=session, team_id=team)
    answers = submissions(session=session, team_id=team, partner_ids=ids)
    held = partner_alliances(session=session, team_id=team, partner_ids=ids)
    given = exports.latest_scores_given(session=session, team_id=team, partner_ids=ids)
    kpis = kpis_by_partner(session=session, team_id=team, partner_ids=ids)
    passed = handovers_by_partner(session=session, team_id=team, partner_ids=ids)
    bonuses = bonuses_by_partner(session=session, team_id=team, partner_ids=ids)
    for p in page:
        pid = p.id or 0
        score = scoring.partner_score(answers.get(pid, []), scorecard, now=invocation.now)
        csat, nps = given.get(pid, (None, None))
        totals = kpis.get(pid, {})
        yield [
            p.name, p.stage, local_date(p.stage_entered_at, invocation.timezone).isoformat(), p.owner or "",
            p.segment or "", p.type or "", p.size or "", p.alliance or "",
            alliances_cell((a.name, a.type, position) for a, position in held.get(pid, [])), p.notes or "",
            p.source or "",
            str(days_between(p.stage_entered_at, invocation.now, invocation.timezone)),
            f"{score.score:.0f}" if score else "", str(score.raters) if score else "",
            "" if csat is None else str(csat), "" if nps is None else str(nps),
            *(exports.as_number(totals.get(key)) for key in KPI_COLUMNS),
            str(passed.get(pid, "")), exports.as_number(bonuses.get(pid)),
        ]


def partner_rows(invocation: Invocation, counter: list[int]) -> Iterator[list[str]]:
    with invocation.unit_of_work() as uow:
        for page in exports.partners_in_order(
            session=uow.session, team_id=invocation.team_id, stage_order=invocation.journey.keys
        ):
            counter[0] += len(page)
            yield from _page_rows(uow.session, invocation, page)


def write_csv(file: io.TextIOBase | io.StringIO, header: Iterable[str], rows: Iterable[list[str]], sep: str) -> None:
    writer = csv.writer(file, delimiter=sep)
    writer.writerow(column_titles(header))
    writer.writerows(rows)


def export_partners(path: Path, invocation: Invocation, *, sep: str = ",") -> int:
    """Writes the team's active partners to `path`; returns how many.

    The file is written next to `path` and then renamed over it, so a failed export never leaves half a file.
    """
    counter = [0]
    partial_file = path.with_name(f".{path.name}.partial")
    try:
        with partial_file.open("w", encoding="utf-8-sig", newline="") as file:
            write_csv(file, EXPORT_COLUMNS, partner_rows(invocation, counter), sep)
        partial_file.replace(path)
    finally:
        partial_file.unlink(missing_ok=True)
    return counter[0]


def export_history(path: Path, invocation: Invocation, *, sep: str = ",") -> list[Path]:
    """The history files next to `path`: `partners.csv` → `partners-stage-history.csv`, …"""
    from commands.spreadsheet.history import HISTORY_FILES, history_rows

    written = []
    for kind, (filename, header) in HISTORY_FILES.items():
        target = path.with_name(f"{path.stem}-{filename}")
        with target.open("w", encoding="utf-8-sig", newline="") as file:
            write_csv(file, header, history_rows(invocation, kind), sep)
        written.append(target)
    return written


def partners_csv(invocation: Invocation, *, sep: str = ",") -> tuple[bytes, int]:
    """The same file as bytes, for an upload."""
    counter = [0]
    buffer = io.StringIO(newline="")
    write_csv(buffer, EXPORT_COLUMNS, partner_rows(invocation, counter), sep)
    return buffer.getvalue().encode("utf-8-sig"), counter[0]
