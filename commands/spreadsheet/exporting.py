"""Exporting a team's active partners to a CSV file in the import format."""

from __future__ import annotations

import csv
from pathlib import Path

from commands.context import Invocation
from commands.spreadsheet.columns import COLUMNS
from domain.clock import local_date
from storage import bulk


def export_partners(path: Path, invocation: Invocation) -> int:
    """Writes the team's active partners to `path` in the import format; returns how many.

    Stages are written as keys and `stage_since` as the ISO date in the workspace zone, so importing
    the file again changes nothing. The encoding is UTF-8 with a BOM (`utf-8-sig`): without one, Excel
    reads a CSV in the machine's ANSI code page and garbles Cyrillic and Polish names; our import and
    other CSV readers skip the BOM. The file is written next to `path` and then renamed over it, so a
    failed export never leaves half a file.
    """
    with invocation.unit_of_work() as uow:
        partners = bulk.partners_for_export(
            session=uow.session, team_id=invocation.team_id, stage_order=invocation.journey.keys
        )
    partial_file = path.with_name(f".{path.name}.partial")
    try:
        with partial_file.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(COLUMNS)
            writer.writerows(
                (
                    p.name,
                    p.stage,
                    local_date(p.stage_entered_at, invocation.timezone).isoformat(),
                    p.owner or "",
                    p.segment or "",
                    p.type or "",
                    p.alliance or "",
                )
                for p in partners
            )
        partial_file.replace(path)
    finally:
        partial_file.unlink(missing_ok=True)
    return len(partners)
