"""A chart plan as an outbox step's JSON and back, so the chart is drawn by the sender, not by the job (whose
claim holds the database) nor while Slack waits. The step keeps the language it was planned in, so the sender
draws titles, axes and legends in the language of the message the chart goes with."""

from __future__ import annotations

import dataclasses
import json
import types
from datetime import date
from decimal import Decimal
from typing import Any, Union, get_args, get_origin, get_type_hints

from bot.charts.data import BreakdownChart, FunnelChart, JourneyMapChart, KpiTrendChart, MatrixChart, RankingChart
from bot.digest_charts import ChartPlan
from domain.language import current_language

KINDS: dict[str, type] = {
    "ranking": RankingChart,
    "funnel": FunnelChart,
    "kpi-trend": KpiTrendChart,
    "journey-map": JourneyMapChart,
    "alliance-matrix": MatrixChart,
    "kpi-breakdown": BreakdownChart,
}


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not stored in a chart step")


def encode(plan: ChartPlan) -> dict[str, Any]:
    kind = next(name for name, cls in KINDS.items() if isinstance(plan.chart, cls))
    data = json.loads(json.dumps(dataclasses.asdict(plan.chart), default=_plain))
    payload = {"filename": plan.filename, "title": plan.title, "chart": kind, "data": data}
    return payload | {"language": current_language()}


def decode(payload: dict[str, Any]) -> ChartPlan:
    return ChartPlan(payload["filename"], payload["title"], _build(KINDS[payload["chart"]], payload["data"]))


def _build(cls: type, data: dict[str, Any]) -> Any:
    hints = get_type_hints(cls)
    return cls(**{field.name: _value(hints[field.name], data[field.name]) for field in dataclasses.fields(cls)})


def _value(hint: Any, value: Any) -> Any:
    """`value` from JSON as the field's type: tuples (of rows, or pairs), Decimal and date (also when optional)."""
    if value is None:
        return None
    origin = get_origin(hint)
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], item) for item in value)
        return tuple(_value(arg, item) for arg, item in zip(args, value, strict=True))
    if origin in (Union, types.UnionType):
        hint = next(arg for arg in get_args(hint) if arg is not type(None))
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    if hint is Decimal:
        return Decimal(value)
    if hint is date:
        return date.fromisoformat(value)
    return value
