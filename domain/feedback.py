"""Partner feedback: satisfaction (CSAT 1–5), loyalty (NPS 0–10), pain points, and their summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from domain.errors import InvalidField, UnknownChoice
from domain.language import N_, in_every_language, tr
from domain.words import closest, fold

CSAT_RANGE = range(1, 6)
NPS_RANGE = range(0, 11)
DEFAULT_PAIN_POINTS: tuple[str, ...] = (
    "onboarding",
    "training",
    "tooling",
    "payouts",
    "communication",
    "lead-quality",
    "documentation",
    "other",
)
PAIN_POINT_LABELS = {
    "onboarding": N_("Onboarding"), "training": N_("Training"), "tooling": N_("Tooling"), "payouts": N_("Payouts"),
    "communication": N_("Communication"), "lead-quality": N_("Lead quality"), "documentation": N_("Documentation"),
    "other": N_("Other"),
}
"""The default pain points as a form names them; a workspace's own pain points show as typed."""


def pain_point_label(point: str) -> str:
    return tr(PAIN_POINT_LABELS.get(point, point.replace("-", " ").capitalize()))


NpsClass = Literal["promoter", "passive", "detractor"]


def score(field: str, raw: str, allowed: range) -> int:
    """A whole score within `allowed`, or an error naming the value and the range."""
    text = raw.strip()
    low, high = allowed.start, allowed.stop - 1
    if not text.removeprefix("-").isdecimal():  # isdigit() would pass "²" and lstrip "--5"; int() refuses both
        raise InvalidField(
            tr("{field}={raw} is not a whole number; {field} is {low}–{high}.",
               field=field, raw=raw, low=low, high=high)
        )
    value = int(text)
    if value not in allowed:
        raise InvalidField(
            tr("{field}={value} is out of range; {field} is {low}–{high}.",
               field=field, value=value, low=low, high=high)
        )
    return value


def csat(raw: str) -> int:
    return score("csat", raw, CSAT_RANGE)


def nps(raw: str) -> int:
    return score("nps", raw, NPS_RANGE)


def pain_points(raw: str, catalog: Sequence[str]) -> tuple[str, ...]:
    """Comma-separated pain points, each matched against the catalog (ignoring case and diacritics); a default
    pain point may be named in Russian or Polish too (`инструменты`, `narzędzia` → tooling)."""
    by_fold = {fold(item): item for item in catalog}
    for item in catalog:
        for spelling in in_every_language(item):
            by_fold.setdefault(fold(spelling), item)
    chosen = []
    for word in filter(None, (part.strip() for part in raw.split(","))):
        if fold(word) not in by_fold:
            raise UnknownChoice(N_("pain point"), word, closest(word, catalog), catalog)
        chosen.append(by_fold[fold(word)])
    return tuple(dict.fromkeys(chosen))


def nps_class(value: int) -> NpsClass:
    return "promoter" if value >= 9 else "passive" if value >= 7 else "detractor"


def net_promoter_score(values: Iterable[int]) -> int | None:
    """% promoters − % detractors, −100…100; None without answers."""
    answers = list(values)
    if not answers:
        return None
    promoters = sum(1 for v in answers if nps_class(v) == "promoter")
    detractors = sum(1 for v in answers if nps_class(v) == "detractor")
    return round(100 * (promoters - detractors) / len(answers))


def average(values: Iterable[int]) -> Decimal | None:
    answers = list(values)
    return None if not answers else (Decimal(sum(answers)) / len(answers)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class PainCount:
    pain_point: str
    count: int


def top_pain_points(lists: Iterable[Sequence[str]], limit: int = 3) -> tuple[PainCount, ...]:
    counts = Counter(point for points in lists for point in points)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(PainCount(point, count) for point, count in ranked[:limit])
