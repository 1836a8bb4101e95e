"""Reading a CSV file into its header row and an iterator over its data rows.

UTF-8 with or without a BOM; the delimiter (`,`, `;` or tab) is sniffed from the header line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from commands.spreadsheet.columns import COLUMNS
from domain.errors import PartnerbotError
from domain.language import tr

DELIMITERS = ",;\t"


def read_rows(path: Path) -> Iterator[list[str]]:
    """Every row of the file, header included; unreadable or non-UTF-8 files are errors."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PartnerbotError(tr("Cannot read {path}: {reason}.", path=path, reason=error.strerror or error)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PartnerbotError(
            tr("line {line}: {file} is not UTF-8 text; in Excel choose Save as → 'CSV UTF-8'.", line=line,
               file=path.name)
        ) from None
    try:
        delimiter = csv.Sniffer().sniff(text.partition("\n")[0], delimiters=DELIMITERS).delimiter
    except csv.Error:  # a lone `name` column has no delimiter to find
        delimiter = ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def read_sheet(path: Path) -> tuple[list[str], Iterator[list[str]]]:
    """The header row and the (lazily read) data rows; an empty file is an error."""
    rows = read_rows(path)
    try:
        header = next(rows, None)
    except csv.Error as error:
        raise PartnerbotError(tr("line {line}: {problem}.", line=1, problem=error)) from None
    if header is None:
        raise PartnerbotError(
            tr("{file} is empty; the first line must name the columns, e.g. {columns}.", file=path.name,
               columns=",".join(COLUMNS))
        )
    return header, rows
