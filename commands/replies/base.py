"""The simplest bodies (notices and help), and what every feature's replies share: choices and form errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Notice:
    text: str
    tone: Literal["info", "success", "error"] = "info"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class VerbHelp:
    usage: str
    summary: str
    examples: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    """The words of the reader's language that name the verb too."""


@dataclass(frozen=True)
class HelpSheet:
    verbs: tuple[VerbHelp, ...]
    focus: VerbHelp | None = None


@dataclass(frozen=True)
class PostedMessage:
    """A message already in a channel, which a reply can rewrite."""

    channel: str
    ts: str


class FormRejected(Exception):
    """A modal submission with field-level errors; keys are the form's field names."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors
