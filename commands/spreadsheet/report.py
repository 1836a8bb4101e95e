"""What an import tells the user: counts, or every problem that stopped it."""

from __future__ import annotations

from dataclasses import dataclass

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


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
