"""The columns of the spreadsheet format, and matching a file's header row to them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from domain.alliances import alliance_type
from domain.errors import PartnerbotError
from domain.partner import clean_name
from domain.words import closest, fold

COLUMNS: tuple[str, ...] = (
    "name", "stage", "stage_since", "owner", "segment", "type", "size", "alliance", "alliances", "notes", "source",
)
PROFILE_COLUMNS: tuple[str, ...] = ("owner", "segment", "type", "size", "alliance", "notes", "source")
EXPORT_ONLY: tuple[str, ...] = (
    "days_in_stage", "score", "raters", "last_csat", "last_nps",
    "leads", "mql", "sql", "deals", "revenue", "cost", "clients_passed", "bonuses",
)
"""Figures an export carries; an import accepts and ignores them, so an exported file imports back as it is."""
EXPORT_COLUMNS: tuple[str, ...] = COLUMNS + EXPORT_ONLY
ALLIANCE_SEPARATOR = " | "
_ALLIANCE_ITEM = re.compile(r"(?P<name>.+?)\s*\[(?P<type>[^\]#]+?)(?:\s*#(?P<position>\d+))?\]")


def alliances_cell(held: Iterable[tuple[str, str, int]]) -> str:
    """`Logistics chain [chain #2] | Acme (before) [before #1]`: name, type and place of each alliance."""
    return ALLIANCE_SEPARATOR.join(f"{name} [{kind} #{position}]" for name, kind, position in held)


def parse_alliances_cell(raw: str) -> tuple[tuple[str, str, int | None], ...]:
    """The cell back as (name, type key, position); raises naming the part that is not understood."""
    found = []
    for item in filter(None, (part.strip() for part in raw.split("|"))):
        match = _ALLIANCE_ITEM.fullmatch(item)
        if match is None:
            raise PartnerbotError(f"alliances: '{item}' is not NAME [TYPE #POSITION], e.g. Logistics chain [chain #2]")
        position = int(match["position"]) if match["position"] else None
        found.append((clean_name(match["name"]), alliance_type(match["type"]).key, position))
    return tuple(found)


def column_positions(header: list[str]) -> dict[str, int]:
    """Column → cell index, from the header row; unknown, repeated or missing columns are errors.

    Export-only columns are recognised and left out: their figures are computed, never imported.
    """
    by_fold = {fold(column): column for column in EXPORT_COLUMNS}
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header):
        if not cell.strip():
            continue  # Excel's trailing empty columns; a value under a blank header is reported by its row
        column = by_fold.get(fold(cell))
        if column is None:
            unknown.append(cell.strip())
        elif column in positions:
            raise PartnerbotError(f"line 1: the column '{column}' appears twice.")
        else:
            positions[column] = index
    if unknown:
        hints = [
            f"'{word}'" + (f" (did you mean {closest(word, COLUMNS)[0]}?)" if closest(word, COLUMNS) else "")
            for word in unknown
        ]
        raise PartnerbotError(
            f"line 1: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(hints)}."
            f" The columns are: {', '.join(COLUMNS)};"
            " rename or remove the others."
        )
    if "name" not in positions:
        raise PartnerbotError(f"line 1: the header has no 'name' column. The columns are: {', '.join(COLUMNS)}.")
    return positions
