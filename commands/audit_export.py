"""`partnerbot audit export --team T FILE.csv`: a workspace's whole audit trail, oldest first, as CSV.

Read a page at a time, each page in a short unit of work of its own (on SQLite a long read would hold the
write lock), resuming after the last row's (time, id), so memory stays flat however long the trail is.
UTF-8 with a BOM, as the partner export, so Excel shows Cyrillic and Polish text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from commands.context import Invocation
from commands.spreadsheet.exporting import write_csv
from storage.audit_trail import Position, entries_after

PAGE_ROWS = 1000
COLUMNS = ("at_utc", "at_local", "actor", "surface", "kind", "partner_id", "partner", "before", "after")


def trail_rows(invocation: Invocation, counter: list[int], *, page_rows: int = PAGE_ROWS) -> Iterator[list[str]]:
    after: Position | None = None
    while True:
        with invocation.unit_of_work() as uow:
            page = entries_after(session=uow.session, team_id=invocation.team_id, after=after, limit=page_rows)
        for row in page:
            counter[0] += 1
            yield [
                row.at.isoformat(),
                row.at.astimezone(invocation.timezone).isoformat(),
                row.actor,
                row.surface,
                row.kind,
                "" if row.partner_id is None else str(row.partner_id),
                row.partner or "",
                row.before or "",
                row.after or "",
            ]
        if len(page) < page_rows:
            return
        after = (page[-1].at, page[-1].id)


def export_trail(path: Path, invocation: Invocation, *, page_rows: int = PAGE_ROWS) -> int:
    """Writes the trail to `path` (through a partial file renamed over it); returns how many rows."""
    counter = [0]
    partial_file = path.with_name(f".{path.name}.partial")
    try:
        with partial_file.open("w", encoding="utf-8-sig", newline="") as file:
            write_csv(file, COLUMNS, trail_rows(invocation, counter, page_rows=page_rows), ",")
        partial_file.replace(path)
    finally:
        partial_file.unlink(missing_ok=True)
    return counter[0]
