"""Named errors that carry what the user needs to hear.

Every message is plain text (no markup); the transport escapes it before display.
"""

from __future__ import annotations

from collections.abc import Sequence


class PartnerbotError(Exception):
    """A request the bot understood well enough to refuse, with a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return " — did you mean " + " or ".join(suggestions) + "?"


def _as_typed(name: str) -> str:
    return f'"{name}"' if " " in name else name


class UnknownStage(PartnerbotError):
    def __init__(self, word: str, suggestions: Sequence[str], valid: Sequence[str]) -> None:
        self.word = word
        self.suggestions = tuple(suggestions)
        super().__init__(f"Unknown stage '{word}'{_did_you_mean(suggestions) or '.'} Stages: {', '.join(valid)}")


class UnknownPartner(PartnerbotError):
    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = _did_you_mean(suggestions) or ". `/partner list` shows your partners."
        if any(" " in suggestion for suggestion in suggestions):
            hint += ' Names with spaces go in quotes: "Globex Corporation".'
        super().__init__(f"No partner named '{name}'{hint}")


class UnknownChoice(PartnerbotError):
    """A key=value field whose value is not one of the allowed words."""

    def __init__(self, field: str, word: str, suggestions: Sequence[str], valid: Sequence[str]) -> None:
        self.field = field
        super().__init__(
            f"Unknown {field} '{word}'{_did_you_mean(suggestions) or '.'} Choose one of: {', '.join(valid)}"
        )


class DuplicatePartner(PartnerbotError):
    def __init__(self, name: str, existing: str) -> None:
        super().__init__(
            f"A partner named '{existing}' already exists (names are matched ignoring case)."
            f" Pick another name than '{name}', or `/partner show {_as_typed(existing)}`."
        )


class InvalidPartnerName(PartnerbotError):
    pass


class InvalidField(PartnerbotError):
    pass


class NoNextStage(PartnerbotError):
    def __init__(self, partner: str, stage_name: str) -> None:
        super().__init__(f"{partner} is already at the last stage ({stage_name}); name a stage to move it elsewhere.")


class AlreadyInStage(PartnerbotError):
    def __init__(self, partner: str, stage_name: str) -> None:
        super().__init__(f"{partner} is already in {stage_name}; nothing changed.")


class PartnerArchived(PartnerbotError):
    def __init__(self, partner: str) -> None:
        super().__init__(f"{partner} is archived; its history is kept, but it can no longer be moved.")
