"""The KPI catalog as data, and the derived metrics computed from summed totals."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from domain.amounts import parse_amount
from domain.errors import InvalidField, UnknownChoice
from domain.language import N_, tr
from domain.words import closest, fold

Unit = Literal["count", "money"]


@dataclass(frozen=True)
class Metric:
    """A figure entered by hand and summed over a period."""

    key: str
    title: str
    unit: Unit
    aliases: tuple[str, ...]
    maximum: Decimal


@dataclass(frozen=True)
class DerivedMetric:
    """A figure computed from the totals; None when its denominator is zero."""

    key: str
    title: str
    unit: Literal["percent", "money", "ratio"]
    compute: Callable[[Mapping[str, Decimal]], Decimal | None]


def _ratio(numerator: str, denominator: str) -> Callable[[Mapping[str, Decimal]], Decimal | None]:
    def compute(totals: Mapping[str, Decimal]) -> Decimal | None:
        below = totals.get(denominator, Decimal(0))
        return None if below == 0 else totals.get(numerator, Decimal(0)) / below

    return compute


def _roi(totals: Mapping[str, Decimal]) -> Decimal | None:
    """Bonuses paid to the partner (`bonus`, from `/partner bonus`) are part of what it cost."""
    cost = totals.get("cost", Decimal(0)) + totals.get("bonus", Decimal(0))
    return None if cost == 0 else (totals.get("revenue", Decimal(0)) - cost) / cost


MAX_COUNT = Decimal(1_000_000)
MAX_MONEY = Decimal(10) ** 12

METRICS: tuple[Metric, ...] = (
    Metric("leads", N_("Leads"), "count", ("lead", "лиды", "лидов", "leady"), MAX_COUNT),
    Metric("mql", N_("MQL"), "count", ("mqls", "marketing-qualified"), MAX_COUNT),
    Metric("sql", N_("SQL"), "count", ("sqls", "sales-qualified"), MAX_COUNT),
    Metric("deals", N_("Deals"), "count", ("deal", "won", "wins", "сделки", "сделок", "umowy"), MAX_COUNT),
    Metric("revenue", N_("Revenue"), "money", ("sales", "rev", "выручка", "przychód", "przychod"), MAX_MONEY),
    Metric("cost", N_("Cost"), "money", ("costs", "spend", "затраты", "koszt", "koszty"), MAX_MONEY),
)

DERIVED: tuple[DerivedMetric, ...] = (
    DerivedMetric("lead_to_deal", N_("Lead → deal"), "percent", _ratio("deals", "leads")),
    DerivedMetric("mql_to_sql", N_("MQL → SQL"), "percent", _ratio("sql", "mql")),
    DerivedMetric("average_deal", N_("Average deal"), "money", _ratio("revenue", "deals")),
    DerivedMetric("roi", N_("ROI"), "ratio", _roi),
)

_BY_SPELLING = {fold(spelling): metric for metric in METRICS for spelling in (metric.key, *metric.aliases)}


def metric(word: str) -> Metric:
    found = _BY_SPELLING.get(fold(word))
    if found is None:
        suggestions = closest(word, [m.key for m in METRICS] + [a for m in METRICS for a in m.aliases])
        keys = [_BY_SPELLING[fold(s)].key for s in suggestions]
        raise UnknownChoice(N_("metric"), word, list(dict.fromkeys(keys)), [m.key for m in METRICS])
    return found


def metric_value(item: Metric, raw: str) -> Decimal:
    """A value for `item`: counts are whole numbers, money has at most two decimals, both within bounds."""
    value = parse_amount(raw, what=item.key)
    if item.unit == "count" and value != value.to_integral_value():
        raise InvalidField(tr("{key} counts whole {key}: '{raw}' is not a whole number.", key=item.key, raw=raw))
    if value > item.maximum:
        raise InvalidField(
            tr("{key}={raw} is over the limit of {limit}; check the number.", key=item.key, raw=raw,
               limit=format(item.maximum, ","))
        )
    return value


def derive(totals: Mapping[str, Decimal]) -> dict[str, Decimal | None]:
    return {derived.key: derived.compute(totals) for derived in DERIVED}


def change(current: Decimal | None, previous: Decimal | None) -> Literal["up", "down", "same"] | None:
    """Direction of a month-over-month change; None when either side is missing."""
    if current is None or previous is None:
        return None
    return "up" if current > previous else "down" if current < previous else "same"
