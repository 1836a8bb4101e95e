"""The journey map's figures from tallies (value → how many answers gave it), as SQL aggregates return
them, equal to `domain.feedback`'s figures over the answers themselves."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal

from domain.feedback import nps_class


def average_of(tally: Mapping[int, int]) -> Decimal | None:
    answers = sum(tally.values())
    if not answers:
        return None
    return (Decimal(sum(value * count for value, count in tally.items())) / answers).quantize(Decimal("0.1"))


def net_promoter_score_of(tally: Mapping[int, int]) -> int | None:
    answers = sum(tally.values())
    if not answers:
        return None
    by_class: Counter[str] = Counter()
    for value, count in tally.items():
        by_class[nps_class(value)] += count
    return round(100 * (by_class["promoter"] - by_class["detractor"]) / answers)
