"""Scorecards: the criteria a partner is rated on, their help text and weights, as validated data."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from domain.errors import PartnerbotError
from domain.language import tr

MIN_CRITERIA = 3
MAX_CRITERIA = 60
ANSWER_RANGE = range(1, 6)


class InvalidScorecard(PartnerbotError):
    pass


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    title: str = Field(min_length=1, max_length=70)
    help: str = Field(min_length=1, max_length=150, description="what 1 and 5 mean, for the rater")
    weight: float = Field(gt=0, le=100)


class Scorecard(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    criteria: tuple[Criterion, ...] = Field(min_length=MIN_CRITERIA, max_length=MAX_CRITERIA)
    version: int = 0

    @field_validator("criteria")
    @classmethod
    def _unique(cls, criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
        problems = duplicates([criterion.model_dump() for criterion in criteria])
        if problems:
            raise ValueError("\n".join(problems))
        return criteria

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(criterion.key for criterion in self.criteria)

    @property
    def total_weight(self) -> float:
        return sum(criterion.weight for criterion in self.criteria)

    def criterion(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)


def duplicates(criteria: list[Any]) -> list[str]:
    """Every repeated key or title (ignoring case), one line each, naming both criteria."""
    problems = []
    for attribute in ("key", "title"):
        first: dict[str, int] = {}
        for number, criterion in enumerate(criteria, 1):
            value = criterion.get(attribute) if isinstance(criterion, dict) else None
            if not isinstance(value, str):
                continue
            earlier = first.setdefault(value.casefold(), number)
            if earlier != number:
                problems.append(
                    tr("criterion {number}: duplicate {attribute} '{value}' (as criterion {earlier})", number=number,
                       attribute=attribute, value=value, earlier=earlier)
                )
    return problems


def _location(error: dict[str, Any], data: Any) -> str:
    parts = []
    for step in error["loc"]:
        if isinstance(step, int) and parts and parts[-1] == "criteria":
            parts[-1] = tr("criterion {number}", number=step + 1)
        else:
            parts.append(str(step))
    return ".".join(parts) or "scorecard"


def load_scorecard(data: Any, *, version: int = 0) -> Scorecard:
    """A Scorecard from parsed YAML/JSON (`{"criteria": [...]}`); every problem listed in one message."""
    if not isinstance(data, dict):
        raise InvalidScorecard(
            tr("A scorecard file holds `criteria:`, a list of {fields}.", fields="{key, title, help, weight}")
        )
    try:
        return Scorecard.model_validate({**data, "version": version})
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            message = problem["msg"].removeprefix("Value error, ")
            if problem["type"] == "value_error" and problem["loc"] == ("criteria",):
                continue  # duplicates, listed below from the file itself: also when other errors stop this check
            if problem["type"] == "extra_forbidden":
                message = tr("unknown key (allowed: key, title, help, weight)")
            if problem["type"] == "too_short" and problem["loc"] == ("criteria",):
                given = len(data.get("criteria") or [])
                if given >= MIN_CRITERIA:
                    continue  # pydantic counts only the valid items; their own errors are listed already
                message = tr("a scorecard needs at least {least} criteria; this one has {count}", least=MIN_CRITERIA,
                             count=given)
            problems.append(f"{_location(problem, data)}: {message}")
        raw = data.get("criteria")
        problems.extend(duplicates(list(raw)) if isinstance(raw, list | tuple) else [])
        refused = "\n".join(f"• {p}" for p in problems)
        raise InvalidScorecard(tr("The scorecard was refused:\n{problems}", problems=refused)) from None


def _criterion(key: str, title: str, weight: float, help_text: str) -> Criterion:
    return Criterion(key=key, title=title, weight=weight, help=help_text)


DEFAULT_SCORECARD = Scorecard(
    version=0,
    criteria=(
        _criterion(
            "market", "Total addressable market", 3, "1 = small or unclear market · 5 = large, growing, reachable"
        ),
        _criterion(
            "technology",
            "Technology fit",
            3,
            "Robustness, scalability, security, integration. 1 = poor fit · 5 = integrates cleanly",
        ),
        _criterion("strategy", "Roadmap and strategy alignment", 2, "1 = diverging plans · 5 = shared roadmap"),
        _criterion("executives", "Executive relationships", 2, "1 = no sponsor · 5 = engaged sponsors on both sides"),
        _criterion(
            "account_mapping",
            "Account mapping (customer overlap)",
            2,
            "1 = no shared customers · 5 = large, active overlap",
        ),
        _criterion("culture", "Cultural fit", 1, "1 = friction in how we work · 5 = works like one team"),
        _criterion(
            "reputation", "Market reputation and brand fit", 2, "1 = a risk to our brand · 5 = strengthens our brand"
        ),
        _criterion("finance", "Financial health", 2, "1 = unstable · 5 = strong and growing"),
        _criterion("compliance", "Compliance and security standards", 2, "1 = gaps we cannot accept · 5 = certified"),
        _criterion("co_development", "Co-development ability", 1, "1 = cannot build with us · 5 = builds alongside us"),
        _criterion(
            "customer_success", "Customer-success focus", 2, "1 = sells and leaves · 5 = invests in customer outcomes"
        ),
        _criterion("scalability", "Scalability of the partnership", 2, "1 = one-off · 5 = can grow across regions"),
        _criterion(
            "sales_marketing",
            "Sales and marketing alignment",
            2,
            "1 = no joint motion · 5 = joint pipeline and campaigns",
        ),
        _criterion(
            "training", "Training and support", 1, "1 = needs constant help · 5 = self-sufficient, trains others"
        ),
        _criterion("feedback", "Feedback mechanisms", 1, "1 = we hear nothing · 5 = regular, actionable feedback"),
    ),
)
