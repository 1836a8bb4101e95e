"""The forms the partner card's buttons open: Advance…, Log and KPI and Edit (Feedback and Score have their own)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from commands.replies.base import Choice


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    kind: Literal["select", "text", "multiline", "user"] = "text"
    choices: tuple[Choice, ...] = ()
    initial: str | None = None
    optional: bool = True
    hint: str | None = None
    max_length: int = 200


@dataclass(frozen=True)
class CardForm:
    kind: Literal["advance", "log", "kpi", "edit"]
    partner: str
    title: str
    submit: str
    fields: tuple[FormField, ...]
