"""What `/partner settings` answers: every key with its current value, and which ones just changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class SettingLine:
    name: str
    value: str
    summary: str
    scope: Literal["workspace", "member"]
    example: str


@dataclass(frozen=True)
class SettingsView:
    lines: tuple[SettingLine, ...]
    changed: tuple[str, ...] = ()
