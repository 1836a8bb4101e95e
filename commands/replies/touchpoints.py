"""Replies about touchpoints: one logged, a card's recent ones, and the journey map's per-stage counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TouchpointLogged:
    partner: str
    kind: str
    on_date: date
    stage: str
    note: str | None
    by: str


@dataclass(frozen=True)
class TouchpointLine:
    on_date: date
    kind: str
    note: str | None
    by: str


@dataclass(frozen=True)
class StageTouchpoints:
    """Per stage: touchpoints logged by kind, and the kinds logged before partners moved on (moves counted)."""

    stage: str
    by_kind: tuple[tuple[str, int], ...]
    before_moves: tuple[tuple[str, int], ...]
