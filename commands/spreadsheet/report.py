"""What an import tells the user: counts, or every problem that stopped it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.language import tr, trn

ERRORS_SHOWN = 20


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
                trn("Nothing imported from {file}: {count} problem to fix.",
                    "Nothing imported from {file}: {count} problems to fix.", len(self.errors), file=self.file),
                *self.errors[:ERRORS_SHOWN],
            ]
            if len(self.errors) > ERRORS_SHOWN:
                lines.append(_more(len(self.errors) - ERRORS_SHOWN))
            return "\n".join(lines)
        lines = [
            tr("Imported {file}: {created} created, {updated} updated ({moved} moved to another stage),"
               " {unchanged} unchanged, {skipped} archived skipped.", file=self.file, created=self.created,
               updated=self.updated, moved=self.moved, unchanged=self.unchanged, skipped=self.skipped)
            if self.skipped
            else tr("Imported {file}: {created} created, {updated} updated ({moved} moved to another stage),"
                    " {unchanged} unchanged.", file=self.file, created=self.created, updated=self.updated,
                    moved=self.moved, unchanged=self.unchanged)
        ]
        lines.extend(self.warnings[:ERRORS_SHOWN])
        if len(self.warnings) > ERRORS_SHOWN:
            lines.append(_more(len(self.warnings) - ERRORS_SHOWN))
        return "\n".join(lines)


def _more(count: int) -> str:
    return trn("…and {count} more", "…and {count} more", count)
