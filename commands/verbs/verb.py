"""One verb of `/partner`: its grammar, what runs it, and its help."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from commands.aliases import verb_words
from commands.context import Invocation
from commands.replies import Reply, VerbHelp
from commands.tokens import Token
from domain.language import current_language, tr
from domain.roles import Need


@dataclass(frozen=True)
class Verb:
    name: str
    usage: str
    summary: str  # marked with N_, shown translated
    examples: tuple[str, ...]
    parse: Callable[[list[Token]], Any]
    run: Callable[[Any, Invocation], Reply]
    aliases: tuple[str, ...] = ()
    needs: Need | Callable[[Any], Need] = field(kw_only=True)
    """What running it needs (domain/roles.py): one Need, or the Need of each parsed command (e.g. `digest`
    shows to everyone and changes for admins). Required, so no verb can forget it."""

    def need(self, command: Any) -> Need:
        return self.needs if isinstance(self.needs, Need) else self.needs(command)

    def help(self) -> VerbHelp:
        """In the reader's language, with the words of that language that also name the verb."""
        return VerbHelp(
            f"/partner {self.usage}",
            tr(self.summary),
            tuple(f"/partner {e}" for e in self.examples),
            verb_words(self.name, current_language()),
        )
