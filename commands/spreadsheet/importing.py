"""Importing a CSV file: read, check every row, then write the plan in one transaction (all or nothing)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import IntegrityError

from commands.context import Invocation
from commands.spreadsheet.alliance_rows import apply_alliances
from commands.spreadsheet.checking import RowChecker, check_rows
from commands.spreadsheet.columns import column_positions
from commands.spreadsheet.planning import plan_import
from commands.spreadsheet.reading import read_sheet
from commands.spreadsheet.report import ImportReport
from domain.clock import local_date
from domain.errors import PartnerbotError
from domain.language import tr
from storage import bulk


def import_partners(path: Path, invocation: Invocation) -> ImportReport:
    """Creates and updates the team's partners from the CSV file at `path`, in one transaction.

    Never raises for a bad file: problems come back in `ImportReport.errors`, and then nothing was written.
    """
    file = path.name
    try:
        header, rows = read_sheet(path)
        positions = column_positions(header)
    except PartnerbotError as error:
        return ImportReport(file, errors=(error.message,))
    today = local_date(invocation.now, invocation.timezone)
    note = tr("imported from {file}", file=file)
    with invocation.unit_of_work() as uow:  # the rows are checked against the workspace's own journey
        try:
            checker = RowChecker(header, positions, invocation.journey, today, invocation.people)
            checked, errors = check_rows(rows, checker)
        except PartnerbotError as error:
            return ImportReport(file, errors=(error.message,))
        if errors:
            return ImportReport(file, errors=tuple(errors))
        existing = bulk.team_partners(session=uow.session, team_id=invocation.team_id, for_update=True)
        plan = plan_import(checked, existing, invocation)
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
            message = tr("Someone added a partner named in the file while it was importing; run the import again.")
            return ImportReport(file, errors=(message,))
        apply_alliances(uow.session, invocation, checked)
        uow.commit()
    owner_warnings = [warning for row in checked for warning in row.warnings]
    moved = sum(1 for stored, after in plan.updated if after.stage != stored.values.stage)
    return ImportReport(
        file,
        created=len(plan.created),
        updated=len(plan.updated),
        unchanged=plan.unchanged,
        moved=moved,
        skipped=len(plan.warnings),
        warnings=tuple(plan.warnings + owner_warnings),
    )
