"""Checking data rows: rows → checked rows plus every problem, each with its line number."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, TypeVar

from commands.people import EVERYONE, People
from commands.spreadsheet.columns import COLUMNS, PROFILE_COLUMNS, parse_alliances_cell
from commands.spreadsheet.owners import OwnerMatcher
from domain.errors import PartnerbotError
from domain.journey import Journey
from domain.language import tr
from domain.partner import clean_name, clean_value, name_key
from domain.periods import parse_day

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One checked data row; `profile` holds only the columns the file has."""

    line: int
    name: str
    key: str
    stage: str | None
    stage_since: date | None
    profile: dict[str, str | None]
    alliances: tuple[tuple[str, str, int | None], ...] | None = None
    """(name, type, position) per alliance, when the file has an `alliances` column."""
    warnings: tuple[str, ...] = ()


def checked(check: Callable[[str], T]) -> Callable[[str], tuple[T | None, str | None]]:
    """`check` memoised by its input, returning (value, None) or (None, error message).

    A 100,000-row file repeats the same few stages, types and dates; each is checked once.
    """
    cache: dict[str, tuple[T | None, str | None]] = {}

    def run(raw: str) -> tuple[T | None, str | None]:
        result = cache.get(raw)
        if result is None:
            try:
                result = (check(raw), None)
            except PartnerbotError as error:
                result = (None, error.message)
            cache[raw] = result
        return result

    return run


def parse_date(raw: str, today: date) -> date | None:
    """A stage date: ISO `2026-03-01` or `01.03.2026`; not after `today`."""
    return parse_day(raw, today, field="stage_since")


def _stage_key(journey: Journey, raw: str) -> str | None:
    return journey.resolve(raw).key if raw.strip() else None


class RowChecker:
    """Checks data rows against the header, memoising each distinct stage, date and profile value."""

    def __init__(
        self,
        header: list[str],
        positions: dict[str, int],
        journey: Journey,
        today: date,
        people: People = EVERYONE,
    ) -> None:
        self.width = len(header)
        # a column missing from the file reads the blank cell that `check` pads each row with
        self.index = {column: positions.get(column, self.width) for column in COLUMNS}
        self.unheaded = [index for index in range(self.width) if index not in positions.values()]
        self.stage_of = checked(partial(_stage_key, journey))
        self.date_of = checked(partial(parse_date, today=today))
        self.value_of = {
            c: checked(partial(clean_value, c)) for c in PROFILE_COLUMNS if c in positions and c != "owner"
        }
        self.owners = OwnerMatcher(people) if "owner" in positions else None
        self.alliances_of = checked(parse_alliances_cell) if "alliances" in positions else None
        self.first_line: dict[str, tuple[int, str]] = {}  # name_key → where the name first appeared

    def check(self, line: int, cells: list[str]) -> tuple[SheetRow | None, list[str]]:
        stray = [*cells[self.width :], *(cells[index] for index in self.unheaded if index < len(cells))]
        problems = [
            tr("'{value}' is in a column without a header", value=value.strip()) for value in stray if value.strip()
        ]
        cells = cells[: self.width] + [""] * (self.width + 1 - min(len(cells), self.width))  # short rows, pad cell
        index = self.index
        name: str | None = None
        try:
            name = clean_name(cells[index["name"]])
        except PartnerbotError as error:
            problems.append(error.message if cells[index["name"]].strip() else tr("the name is empty"))
        stage, stage_problem = self.stage_of(cells[index["stage"]])
        since, since_problem = self.date_of(cells[index["stage_since"]])
        profile: dict[str, Any] = {}
        profile_problems: list[str | None] = []
        for column, check in self.value_of.items():
            profile[column], problem = check(cells[index[column]])
            profile_problems.append(problem)
        warnings: list[str] = []
        if self.owners is not None:
            owner, unmatched = self.owners.match(cells[index["owner"]])
            if unmatched:
                warnings.append(tr("line {line}: {problem}; the owner was left unchanged",
                                   line=line, problem=unmatched))
            else:
                profile["owner"] = owner
        alliances = None
        if self.alliances_of is not None:
            alliances, alliances_problem = self.alliances_of(cells[index["alliances"]])
            profile_problems.append(alliances_problem)
        problems.extend(p for p in (stage_problem, since_problem, *profile_problems) if p)
        if name is None:
            return None, problems
        key = name_key(name)
        earlier_line, earlier_name = self.first_line.setdefault(key, (line, name))
        if earlier_line != line:
            problems.append(
                tr("'{name}' repeats '{earlier}' from line {line} (names ignore case)", name=name,
                   earlier=earlier_name, line=earlier_line)
            )
        if problems:
            return None, problems
        return SheetRow(line, name, key, stage, since, profile, alliances, tuple(warnings)), []


def check_rows(rows: Iterator[list[str]], checker: RowChecker) -> tuple[list[SheetRow], list[str]]:
    """Every data row checked, and every problem collected with its line, rather than stopping at the first."""
    checked_rows: list[SheetRow] = []
    errors: list[str] = []
    line = 1
    try:
        for line, cells in enumerate(rows, start=2):
            if not any(value.strip() for value in cells):
                continue  # blank rows, often left at the end of a sheet
            row, problems = checker.check(line, cells)
            errors.extend(tr("line {line}: {problem}", line=line, problem=problem) for problem in problems)
            if row is not None:
                checked_rows.append(row)
    except csv.Error as error:  # a NUL byte, a runaway quoted cell: the rest of the file cannot be read
        errors.append(tr("line {line}: {problem}.", line=line + 1, problem=error))
    return checked_rows, errors
