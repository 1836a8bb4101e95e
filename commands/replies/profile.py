"""Replies about a partner's profile: what an edit changed, and the edits a card lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class ProfileEdited:
    partner: str
    changes: tuple[FieldChange, ...]
    by: str


@dataclass(frozen=True)
class EditLine:
    when: datetime
    change: FieldChange
    by: str
