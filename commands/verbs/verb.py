"""One verb of `/partner`: its grammar, what runs it, and its help."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from commands.aliases import verb_words
from commands.context import Invocation
from commands.replies import Reply, VerbHelp
from commands.tokens import Token
from domain.language import current_language, tr


@dataclass(frozen=True)
class Verb:
    name: str
    usage: str
    summary: str  # marked with N_, shown translated
    examples: tuple[str, ...]
    parse: Callable[[list[Token]], Any]
    run: Callable[[Any, Invocation], Reply]
    aliases: tuple[str, ...] = ()

    def help(self) -> VerbHelp:
        """In the reader's language, with the words of that language that also name the verb."""
        return VerbHelp(
            f"/partner {self.usage}",
            tr(self.summary),
            tuple(f"/partner {e}" for e in self.examples),
            verb_words(self.name, current_language()),
        )
