"""The columns of the spreadsheet format, and matching a file's header row to them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from domain.alliances import alliance_type
from domain.errors import PartnerbotError
from domain.language import LANGUAGES, N_, speaking, tr, trn
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
COLUMN_TITLES: dict[str, str] = {
    "name": N_("name"), "stage": N_("stage"), "stage_since": N_("stage_since"), "owner": N_("owner"),
    "segment": N_("segment"), "type": N_("type"), "size": N_("size"), "alliance": N_("alliance"),
    "alliances": N_("alliances"), "notes": N_("notes"), "source": N_("source"), "days_in_stage": N_("days_in_stage"),
    "score": N_("score"), "raters": N_("raters"), "last_csat": N_("last_csat"), "last_nps": N_("last_nps"),
    "leads": N_("leads"), "mql": N_("mql"), "sql": N_("sql"), "deals": N_("deals"), "revenue": N_("revenue"),
    "cost": N_("cost"), "clients_passed": N_("clients_passed"), "bonuses": N_("bonuses"),
    "from_stage": N_("from_stage"), "to_stage": N_("to_stage"), "moved_at": N_("moved_at"),
    "moved_by": N_("moved_by"), "note": N_("note"), "csat": N_("csat"), "nps": N_("nps"),
    "pain_points": N_("pain_points"), "other_pain": N_("other_pain"), "text": N_("text"),
    "recorded_at": N_("recorded_at"), "recorded_by": N_("recorded_by"), "on_date": N_("on_date"),
    "metric": N_("metric"), "value": N_("value"), "entry_id": N_("entry_id"),
}
"""Each column's header in the reader's language; in English the header is the column's own name."""
ALLIANCE_SEPARATOR = " | "
_ALLIANCE_ITEM = re.compile(r"(?P<name>.+?)\s*\[(?P<type>[^\]#]+?)(?:\s*#(?P<position>\d+))?\]")


def alliances_cell(held: Iterable[tuple[str, str, int]]) -> str:
    """`Logistics chain [chain #2] | Acme (before) [before #1]`: name, type and place of each alliance."""
    return ALLIANCE_SEPARATOR.join(f"{name} [{kind} #{position}]" for name, kind, position in held)


def column_titles(columns: Iterable[str]) -> list[str]:
    """A header row in the current language (`name` → `имя`, `nazwa`)."""
    return [tr(COLUMN_TITLES.get(column, column)) for column in columns]


def _spellings() -> dict[str, str]:
    """Every header spelling an import accepts — the column's name and its title in each language — folded."""
    spellings = {fold(column): column for column in EXPORT_COLUMNS}
    for language in LANGUAGES:
        with speaking(language):
            spellings.update({fold(tr(COLUMN_TITLES[column])): column for column in EXPORT_COLUMNS})
    return spellings


def parse_alliances_cell(raw: str) -> tuple[tuple[str, str, int | None], ...]:
    """The cell back as (name, type key, position); raises naming the part that is not understood."""
    found = []
    for item in filter(None, (part.strip() for part in raw.split("|"))):
        match = _ALLIANCE_ITEM.fullmatch(item)
        if match is None:
            raise PartnerbotError(
                tr("alliances: '{item}' is not NAME [TYPE #POSITION], e.g. Logistics chain [chain #2]", item=item)
            )
        position = int(match["position"]) if match["position"] else None
        found.append((clean_name(match["name"]), alliance_type(match["type"]).key, position))
    return tuple(found)


def column_positions(header: list[str]) -> dict[str, int]:
    """Column → cell index, from the header row; unknown, repeated or missing columns are errors.

    Export-only columns are recognised and left out: their figures are computed, never imported.
    """
    by_fold = _spellings()
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header):
        if not cell.strip():
            continue  # Excel's trailing empty columns; a value under a blank header is reported by its row
        column = by_fold.get(fold(cell))
        if column is None:
            unknown.append(cell.strip())
        elif column in positions:
            raise PartnerbotError(tr("line 1: the column '{column}' appears twice.", column=column))
        else:
            positions[column] = index
    if unknown:
        hints = [
            tr("'{word}' (did you mean {column}?)", word=word, column=closest(word, COLUMNS)[0])
            if closest(word, COLUMNS)
            else f"'{word}'"
            for word in unknown
        ]
        raise PartnerbotError(
            trn("line 1: unknown column {columns}. The columns are: {known}; rename or remove the others.",
                "line 1: unknown columns {columns}. The columns are: {known}; rename or remove the others.",
                len(unknown), columns=", ".join(hints), known=", ".join(COLUMNS))
        )
    if "name" not in positions:
        raise PartnerbotError(
            tr("line 1: the header has no 'name' column. The columns are: {known}.", known=", ".join(COLUMNS))
        )
    return positions
