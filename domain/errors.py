"""Named errors that carry what the user needs to hear.

Every message is plain text (no markup); the transport escapes it before display.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.language import tr


class PartnerbotError(Exception):
    """A request the bot understood well enough to refuse, with a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return tr(" — did you mean {choices}?", choices=tr(" or ").join(suggestions))


def _as_typed(name: str) -> str:
    return f'"{name}"' if " " in name else name


class UnknownStage(PartnerbotError):
    def __init__(self, word: str, suggestions: Sequence[str], valid: Sequence[str]) -> None:
        self.word = word
        self.suggestions = tuple(suggestions)
        super().__init__(
            tr("Unknown stage '{word}'{hint} Stages: {stages}", word=word, hint=did_you_mean(suggestions) or ".",
               stages=", ".join(valid))
        )


class UnknownPartner(PartnerbotError):
    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = did_you_mean(suggestions) or tr(". `/partner list` shows your partners.")
        if any(" " in suggestion for suggestion in suggestions):
            hint += tr(' Names with spaces go in quotes: "Globex Corporation".')
        super().__init__(tr("No partner named '{name}'{hint}", name=name, hint=hint))


class UnknownChoice(PartnerbotError):
    """A key=value field whose value is not one of the allowed words; `field` is marked with `N_`."""

    def __init__(self, field: str, word: str, suggestions: Sequence[str], valid: Sequence[str]) -> None:
        self.field = field
        super().__init__(
            tr("Unknown {field} '{word}'{hint} Choose one of: {choices}", field=tr(field), word=word,
               hint=did_you_mean(suggestions) or ".", choices=", ".join(valid))
        )


class DuplicatePartner(PartnerbotError):
    def __init__(self, name: str, existing: str) -> None:
        super().__init__(
            tr("A partner named '{existing}' already exists (names are matched ignoring case)."
               " Pick another name than '{name}', or `/partner show {typed}`.",
               existing=existing, name=name, typed=_as_typed(existing))
        )


class InvalidPartnerName(PartnerbotError):
    pass


class InvalidField(PartnerbotError):
    pass


class NoNextStage(PartnerbotError):
    def __init__(self, partner: str, stage_name: str) -> None:
        super().__init__(
            tr("{partner} is already at the last stage ({stage}); name a stage to move it elsewhere.",
               partner=partner, stage=stage_name)
        )


class AlreadyInStage(PartnerbotError):
    def __init__(self, partner: str, stage_name: str) -> None:
        super().__init__(tr("{partner} is already in {stage}; nothing changed.", partner=partner, stage=stage_name))


class PartnerArchived(PartnerbotError):
    def __init__(self, partner: str) -> None:
        super().__init__(
            tr("{partner} is archived; its history is kept, but it can no longer be moved.", partner=partner)
        )
