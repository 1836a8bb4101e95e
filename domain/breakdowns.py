"""Breaking the program's KPIs down by a profile field: which groupings exist and how a group's row is figured."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from domain import kpis as catalog
from domain.errors import UnknownChoice
from domain.language import N_
from domain.words import closest, fold

GROUPINGS: tuple[str, ...] = ("type", "size", "segment", "source", "owner", "stage", "alliance")
GROUPING_ALIASES = {"types": "type", "sizes": "size", "segments": "segment", "sources": "source",
                    "owners": "owner", "stages": "stage", "structure": "alliance", "channel": "source"}


def grouping(word: str) -> str:
    folded = fold(word)
    if folded in GROUPINGS:
        return folded
    if folded in GROUPING_ALIASES:
        return GROUPING_ALIASES[folded]
    raise UnknownChoice(N_("grouping"), word, closest(word, GROUPINGS), GROUPINGS)


@dataclass(frozen=True)
class GroupFigures:
    """One group's partners, activity, KPI totals (all time) and satisfaction."""

    group: str | None
    partners: int
    active: int
    totals: Mapping[str, Decimal]
    average_csat: Decimal | None
    nps: int | None

    @property
    def derived(self) -> dict[str, Decimal | None]:
        return catalog.derive(self.totals)


def nps_from_counts(promoters: int, detractors: int, answers: int) -> int | None:
    """% promoters − % detractors from counts summed in SQL; None without answers."""
    return None if answers == 0 else round(100 * (promoters - detractors) / answers)
