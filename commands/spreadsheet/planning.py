"""Planning an import: checked rows against the stored partners → creates, updates and skips."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from commands.context import Invocation
from commands.spreadsheet.checking import SheetRow
from domain.clock import local_date, start_of_local_day
from domain.language import tr
from storage.bulk import PartnerValues, StoredPartner


@dataclass
class ImportPlan:
    """What an import will write: partners to create, (stored, new values) pairs to update, rows to skip."""

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


def plan_import(rows: list[SheetRow], existing: dict[str, StoredPartner], invocation: Invocation) -> ImportPlan:
    plan = ImportPlan(created=[], updated=[])
    for row in rows:
        stored = existing.get(row.key)
        if stored is None:
            since = start_of_local_day(row.stage_since, invocation.timezone) if row.stage_since else invocation.now
            stage = row.stage or invocation.journey.first.key
            plan.created.append(PartnerValues(name=row.name, stage=stage, stage_entered_at=since, **row.profile))
        elif stored.archived:
            plan.warnings.append(
                tr("line {line}: {partner} is archived; skipped (restore it first).", line=row.line,
                   partner=stored.values.name)
            )
        else:
            after = _merged(stored.values, row, invocation)
            if after == stored.values:
                plan.unchanged += 1
            else:
                plan.updated.append((stored, after))
    return plan
