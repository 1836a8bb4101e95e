"""The spreadsheet hand-over: partners from a CSV file into the registry and back out.

The format is the operations contract: columns `name,stage,stage_since,owner,segment,type,size,alliance,
alliances,notes,source` (an export adds computed figures, which an import accepts and ignores), only `name`
required, headers in any order and case (`Stage since` = `stage_since`). Import reads
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

The modules, in the order a file passes through them: `reading` (file → header + rows), `columns`
(header → column positions), `checking` (rows → checked rows + errors), `planning` (checked rows +
stored partners → creates and updates), `importing` (the transaction), `report` (what the user is
told); `exporting` writes the format back out.
"""

from __future__ import annotations

from commands.spreadsheet.checking import parse_date
from commands.spreadsheet.columns import COLUMNS, PROFILE_COLUMNS
from commands.spreadsheet.exporting import export_history, export_partners
from commands.spreadsheet.importing import import_partners
from commands.spreadsheet.reading import DELIMITERS
from commands.spreadsheet.report import ERRORS_SHOWN, ImportReport

__all__ = [
    "COLUMNS",
    "DELIMITERS",
    "ERRORS_SHOWN",
    "PROFILE_COLUMNS",
    "ImportReport",
    "export_history",
    "export_partners",
    "import_partners",
    "parse_date",
]
