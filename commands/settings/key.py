"""One named setting: its grammar, how its value is read and shown, and who it belongs to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from commands.tokens import Token

RESET_WORDS = frozenset({"default", "reset"})


@dataclass(frozen=True)
class SettingKey:
    name: str
    summary: str
    """Marked with `N_`; translated where shown."""
    example: str
    """What follows `/partner settings`, e.g. `language=ru`."""
    read: Callable[[list[Token]], str]
    """The typed value (one or more tokens) → the stored text; raises ParseError naming what would be right."""
    show: Callable[[str | None], str]
    """The stored text (None: never set) → how the value reads in the settings list."""
    scope: Literal["workspace", "member"] = "workspace"
    """A workspace key is one value for everyone; a member key is each member's own."""
    aliases: tuple[str, ...] = ()
