"""The partner journey: ordered stages, their aliases, and how a partner moves between them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from domain.errors import AlreadyInStage, NoNextStage, UnknownStage
from domain.words import closest, fold


@dataclass(frozen=True)
class Stage:
    key: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()
    stall_threshold_days: int | None = None

    def spellings(self) -> tuple[str, ...]:
        return (self.key, self.name, *self.aliases)


@dataclass(frozen=True)
class Move:
    """The outcome of moving a partner: where from, where to, and in which direction."""

    from_stage: Stage
    to_stage: Stage
    backwards: bool


@dataclass(frozen=True)
class Journey:
    stages: tuple[Stage, ...]
    _by_spelling: dict[str, Stage] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_spelling: dict[str, Stage] = {}
        for stage in self.stages:
            for spelling in stage.spellings():
                by_spelling.setdefault(fold(spelling), stage)
        object.__setattr__(self, "_by_spelling", by_spelling)

    @property
    def first(self) -> Stage:
        return self.stages[0]

    @property
    def keys(self) -> list[str]:
        return [stage.key for stage in self.stages]

    def resolve(self, word: str) -> Stage:
        """The stage a user means by `word`: its key, display name or any alias, in any case."""
        stage = self._by_spelling.get(fold(word))
        if stage is None:
            spellings = [s for stage in self.stages for s in stage.spellings()]
            suggestions = list(dict.fromkeys(self._by_spelling[fold(s)].key for s in closest(word, spellings)))
            raise UnknownStage(word, suggestions, self.keys)
        return stage

    def get(self, key: str) -> Stage:
        """The stage stored under `key`; an unknown stored key is a data error, reported like a typo."""
        for stage in self.stages:
            if stage.key == key:
                return stage
        return self.resolve(key)

    def position(self, stage: Stage) -> int:
        return self.keys.index(stage.key)

    def next_after(self, stage: Stage, partner_name: str) -> Stage:
        index = self.position(stage)
        if index + 1 >= len(self.stages):
            raise NoNextStage(partner_name, stage.name)
        return self.stages[index + 1]

    def with_thresholds(self, overrides: Mapping[str, int | None]) -> Journey:
        """The same journey with some stages' stall thresholds replaced (None: never stalls)."""
        return Journey(
            tuple(
                replace(stage, stall_threshold_days=overrides[stage.key]) if stage.key in overrides else stage
                for stage in self.stages
            )
        )

    def move(self, from_stage: Stage, to_stage: Stage) -> Move:
        return Move(from_stage, to_stage, backwards=self.position(to_stage) < self.position(from_stage))

    def move_partner(self, partner: str, current: Stage, requested: Stage | None) -> Move:
        """Moves `partner` from `current` to the requested stage, or to the next one when none is named;
        a move to the stage it is already in is refused."""
        target = requested or self.next_after(current, partner)
        if target == current:
            raise AlreadyInStage(partner, current.name)
        return self.move(current, target)


DEFAULT_JOURNEY = Journey(
    stages=(
        Stage(
            key="discovery",
            name="Discovery",
            description="The partner finds us and learns what we do.",
            aliases=("discover", "обнаружение", "знакомство", "odkrycie", "odkrywanie"),
            stall_threshold_days=14,
        ),
        Stage(
            key="attraction",
            name="Attraction",
            description="Engagement: showing the value of working together.",
            aliases=("engagement", "engage", "привлечение", "вовлечение", "przyciąganie", "zaangażowanie"),
            stall_threshold_days=21,
        ),
        Stage(
            key="onboarding",
            name="Onboarding",
            description="Activation: training, resources and the first deals.",
            aliases=("activation", "onboard", "онбординг", "активация", "подключение", "wdrożenie", "aktywacja"),
            stall_threshold_days=30,
        ),
        Stage(
            key="support",
            name="Support",
            description="Ongoing enablement and problem solving.",
            aliases=("enablement", "поддержка", "сопровождение", "wsparcie"),
            stall_threshold_days=60,
        ),
        Stage(
            key="goal",
            name="End goal",
            description="The agreed results are reached.",
            aliases=(
                "end", "end-goal", "endgoal", "конечная цель", "цель", "результат", "cel końcowy", "cel",
            ),
            stall_threshold_days=None,
        ),
    )
)

METHOD_JOURNEY = Journey(tuple(stage for stage in DEFAULT_JOURNEY.stages if stage.key != "onboarding"))
"""The method's four stages: Discovery — Attraction — Support — End goal (activation happens within support)."""
TEMPLATES: dict[str, Journey] = {"default": DEFAULT_JOURNEY, "method": METHOD_JOURNEY}


def is_stalled(stage: Stage, days_in_stage: int) -> bool:
    """Stalled once the days in a stage exceed its threshold; a stage without one never stalls."""
    return stage.stall_threshold_days is not None and days_in_stage > stage.stall_threshold_days
