"""The columns of the spreadsheet format, and matching a file's header row to them."""

from __future__ import annotations

from domain.errors import PartnerbotError
from domain.words import closest, fold

COLUMNS: tuple[str, ...] = ("name", "stage", "stage_since", "owner", "segment", "type", "alliance")
PROFILE_COLUMNS: tuple[str, ...] = ("owner", "segment", "type", "alliance")


def column_positions(header: list[str]) -> dict[str, int]:
    """Column → cell index, from the header row; unknown, repeated or missing columns are errors."""
    by_fold = {fold(column): column for column in COLUMNS}
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
