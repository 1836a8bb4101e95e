"""The spreadsheet hand-over: partners from a CSV file into the registry and back out.

The format is the operations contract: columns `name,stage,stage_since,owner,segment,type,alliance`,
only `name` required, headers in any order and case (`Stage since` = `stage_since`). Import reads
UTF-8 with or without a BOM, with `,`, `;` or tab between cells (Excel in Poland and Russia saves
"CSV" with semicolons).

Rules of an import:
- All or nothing: every row is checked first, every problem is reported with its line (the header
  is line 1), and nothing is written unless the whole file is good.
- Partners are matched by name ignoring case (`name_key`), so a re-import updates, never duplicates.
- A column in the file is authoritative for the rows it lists (an empty cell clears that field, and
  the name's spelling is taken from the file); a column left out of the file leaves that field alone.
- An empty `stage` keeps an existing partner where it is; new partners start at the first stage.
  `stage_since` (2026-03-01 or 01.03.2026) is midnight in the workspace zone and cannot be in the future;
  without it a stage change dates from now.
- Unknown columns are an error, not ignored: a misspelt header (`stge`) would otherwise drop a whole
  column of data silently. Archived partners are skipped with a warning (restore them first).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError

from commands.context import Invocation
from domain.clock import local_date, start_of_local_day
from domain.errors import PartnerbotError
from domain.journey import Journey
from domain.partner import clean_name, clean_value, name_key
from domain.periods import parse_day
from domain.words import closest, fold
from storage import bulk
from storage.bulk import PartnerValues, StoredPartner

COLUMNS: tuple[str, ...] = ("name", "stage", "stage_since", "owner", "segment", "type", "alliance")
PROFILE_COLUMNS: tuple[str, ...] = ("owner", "segment", "type", "alliance")
DELIMITERS = ",;\t"
ERRORS_SHOWN = 20

T = TypeVar("T")


@dataclass(frozen=True)
class ImportReport:
    """What an import did, or (when `errors` is not empty) why it wrote nothing."""

    file: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0  # updated partners whose stage changed (one new history row each)
    skipped: int = 0  # rows naming archived partners
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            lines = [
                f"Nothing imported from {self.file}: {_count(len(self.errors), 'problem')} to fix.",
                *self.errors[:ERRORS_SHOWN],
            ]
            if len(self.errors) > ERRORS_SHOWN:
                lines.append(f"…and {len(self.errors) - ERRORS_SHOWN} more")
            return "\n".join(lines)
        lines = [
            f"Imported {self.file}: {self.created} created, {self.updated} updated"
            f" ({self.moved} moved to another stage), {self.unchanged} unchanged"
            + (f", {self.skipped} archived skipped." if self.skipped else ".")
        ]
        lines.extend(self.warnings[:ERRORS_SHOWN])
        if len(self.warnings) > ERRORS_SHOWN:
            lines.append(f"…and {len(self.warnings) - ERRORS_SHOWN} more")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One checked data row; `profile` holds only the columns the file has."""

    line: int
    name: str
    key: str
    stage: str | None
    stage_since: date | None
    profile: dict[str, str | None]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _read_sheet(path: Path) -> Iterator[list[str]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PartnerbotError(f"Cannot read {path}: {error.strerror or error}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PartnerbotError(
            f"line {line}: {path.name} is not UTF-8 text; in Excel choose Save as → 'CSV UTF-8'."
        ) from None
    try:
        delimiter = csv.Sniffer().sniff(text.partition("\n")[0], delimiters=DELIMITERS).delimiter
    except csv.Error:  # a lone `name` column has no delimiter to find
        delimiter = ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _columns(header: list[str]) -> dict[str, int]:
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


def _checked(check: Callable[[str], T]) -> Callable[[str], tuple[T | None, str | None]]:
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


class _RowChecker:
    """Checks data rows against the header, memoising each distinct stage, date and profile value."""

    def __init__(self, header: list[str], positions: dict[str, int], journey: Journey, today: date) -> None:
        self.width = len(header)
        # a column missing from the file reads the blank cell that `check` pads each row with
        self.index = {column: positions.get(column, self.width) for column in COLUMNS}
        self.unheaded = [index for index in range(self.width) if index not in positions.values()]
        self.stage_of = _checked(partial(_stage_key, journey))
        self.date_of = _checked(partial(parse_date, today=today))
        self.value_of = {c: _checked(partial(clean_value, c)) for c in PROFILE_COLUMNS if c in positions}
        self.first_line: dict[str, tuple[int, str]] = {}  # name_key → where the name first appeared

    def check(self, line: int, cells: list[str]) -> tuple[SheetRow | None, list[str]]:
        stray = [*cells[self.width :], *(cells[index] for index in self.unheaded if index < len(cells))]
        problems = [f"'{value.strip()}' is in a column without a header" for value in stray if value.strip()]
        cells = cells[: self.width] + [""] * (self.width + 1 - min(len(cells), self.width))  # short rows, pad cell
        index = self.index
        name: str | None = None
        try:
            name = clean_name(cells[index["name"]])
        except PartnerbotError as error:
            problems.append(error.message if cells[index["name"]].strip() else "the name is empty")
        stage, stage_problem = self.stage_of(cells[index["stage"]])
        since, since_problem = self.date_of(cells[index["stage_since"]])
        profile: dict[str, Any] = {}
        profile_problems: list[str | None] = []
        for column, check in self.value_of.items():
            profile[column], problem = check(cells[index[column]])
            profile_problems.append(problem)
        problems.extend(p for p in (stage_problem, since_problem, *profile_problems) if p)
        if name is None:
            return None, problems
        key = name_key(name)
        earlier_line, earlier_name = self.first_line.setdefault(key, (line, name))
        if earlier_line != line:
            problems.append(f"'{name}' repeats '{earlier_name}' from line {earlier_line} (names ignore case)")
        return (None, problems) if problems else (SheetRow(line, name, key, stage, since, profile), [])


def _check_rows(rows: Iterator[list[str]], checker: _RowChecker) -> tuple[list[SheetRow], list[str]]:
    """Every data row checked, and every problem collected with its line, rather than stopping at the first."""
    checked: list[SheetRow] = []
    errors: list[str] = []
    line = 1
    try:
        for line, cells in enumerate(rows, start=2):
            if not any(value.strip() for value in cells):
                continue  # blank rows, often left at the end of a sheet
            row, problems = checker.check(line, cells)
            errors.extend(f"line {line}: {problem}" for problem in problems)
            if row is not None:
                checked.append(row)
    except csv.Error as error:  # a NUL byte, a runaway quoted cell: the rest of the file cannot be read
        errors.append(f"line {line + 1}: {error}.")
    return checked, errors


@dataclass
class _Plan:
    created: list[PartnerValues]
    updated: list[tuple[StoredPartner, PartnerValues]]
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


def _merged(before: PartnerValues, row: SheetRow, invocation: Invocation) -> PartnerValues:
    """The stored partner with the row applied. A stage date equal to the stored one's local date is no change."""
    stage = row.stage or before.stage
    entered = before.stage_entered_at
    if stage != before.stage:
        entered = start_of_local_day(row.stage_since, invocation.timezone) if row.stage_since else invocation.now
    elif row.stage_since is not None and row.stage_since != local_date(entered, invocation.timezone):
        entered = start_of_local_day(row.stage_since, invocation.timezone)  # a corrected date, not a move
    return replace(before, name=row.name, stage=stage, stage_entered_at=entered, **row.profile)


def _plan(rows: list[SheetRow], existing: dict[str, StoredPartner], invocation: Invocation) -> _Plan:
    plan = _Plan(created=[], updated=[])
    for row in rows:
        stored = existing.get(row.key)
        if stored is None:
            since = start_of_local_day(row.stage_since, invocation.timezone) if row.stage_since else invocation.now
            stage = row.stage or invocation.journey.first.key
            plan.created.append(PartnerValues(name=row.name, stage=stage, stage_entered_at=since, **row.profile))
        elif stored.archived:
            plan.warnings.append(f"line {row.line}: {stored.values.name} is archived; skipped (restore it first).")
        else:
            after = _merged(stored.values, row, invocation)
            if after == stored.values:
                plan.unchanged += 1
            else:
                plan.updated.append((stored, after))
    return plan


def import_partners(path: Path, invocation: Invocation) -> ImportReport:
    """Creates and updates the team's partners from the CSV file at `path`, in one transaction.

    Never raises for a bad file: problems come back in `ImportReport.errors`, and then nothing was written.
    """
    file = path.name
    try:
        rows = _read_sheet(path)
        try:
            header = next(rows, None)
        except csv.Error as error:
            raise PartnerbotError(f"line 1: {error}.") from None
        if header is None:
            raise PartnerbotError(f"{file} is empty; the first line must name the columns, e.g. {','.join(COLUMNS)}.")
        positions = _columns(header)
        today = local_date(invocation.now, invocation.timezone)
        checked, errors = _check_rows(rows, _RowChecker(header, positions, invocation.journey, today))
    except PartnerbotError as error:
        return ImportReport(file, errors=(error.message,))
    if errors:
        return ImportReport(file, errors=tuple(errors))
    note = f"imported from {file}"
    with invocation.unit_of_work() as uow:
        existing = bulk.team_partners(session=uow.session, team_id=invocation.team_id, for_update=True)
        plan = _plan(checked, existing, invocation)
        try:
            bulk.insert_partners(
                session=uow.session,
                team_id=invocation.team_id,
                partners=plan.created,
                user=invocation.user_id,
                now=invocation.now,
                note=note,
            )
            bulk.update_partners(
                session=uow.session,
                team_id=invocation.team_id,
                changes=plan.updated,
                user=invocation.user_id,
                note=note,
            )
        except IntegrityError as error:
            if "name_key" not in str(error.orig):
                raise
            message = "Someone added a partner named in the file while it was importing; run the import again."
            return ImportReport(file, errors=(message,))
        uow.commit()
    moved = sum(1 for stored, after in plan.updated if after.stage != stored.values.stage)
    return ImportReport(
        file,
        created=len(plan.created),
        updated=len(plan.updated),
        unchanged=plan.unchanged,
        moved=moved,
        skipped=len(plan.warnings),
        warnings=tuple(plan.warnings),
    )


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
