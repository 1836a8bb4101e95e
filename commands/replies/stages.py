"""Replies about designing the journey and its checklists."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageLine:
    key: str
    name: str
    description: str
    aliases: tuple[str, ...]
    partners: int
    stall_threshold_days: int | None


@dataclass(frozen=True)
class JourneyOverview:
    stages: tuple[StageLine, ...]
    archived: int


@dataclass(frozen=True)
class JourneyChanged:
    summary: str
    overview: JourneyOverview


@dataclass(frozen=True)
class ChecklistView:
    stage: str
    stage_key: str
    steps: tuple[str, ...]
    summary: str | None = None


@dataclass(frozen=True)
class ChecklistProgress:
    """A partner's checklist in its current stage: each step and whether it is done."""

    stage: str
    steps: tuple[tuple[str, bool], ...]

    @property
    def done(self) -> int:
        return sum(1 for _, done in self.steps if done)

    @property
    def open_steps(self) -> tuple[str, ...]:
        return tuple(text for text, done in self.steps if not done)


@dataclass(frozen=True)
class StepChecked:
    partner: str
    step: str
    progress: ChecklistProgress
    already: bool = False
