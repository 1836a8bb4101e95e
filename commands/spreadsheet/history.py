"""The history an export adds on request: stage moves, feedback and KPI entries, one CSV each, oldest first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from commands.context import Invocation
from storage import exports

HISTORY_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "moves": ("stage-history.csv", ("name", "from_stage", "to_stage", "moved_at", "moved_by", "note")),
    "feedback": (
        "feedback.csv",
        ("name", "stage", "csat", "nps", "pain_points", "other_pain", "text", "recorded_at", "recorded_by"),
    ),
    "kpis": ("kpi-entries.csv", ("name", "on_date", "metric", "value", "entry_id", "recorded_at", "recorded_by")),
}


def _cells(kind: str, invocation: Invocation) -> Callable[[str, Any], list[str]]:
    def when(value: Any) -> str:
        return value.astimezone(invocation.timezone).isoformat(timespec="minutes")

    def text(value: object) -> str:
        return "" if value is None else str(value)

    rows: dict[str, Callable[[str, Any], list[str]]] = {
        "moves": lambda name, m: [name, text(m.from_stage), m.to_stage, when(m.moved_at), m.moved_by, text(m.note)],
        "feedback": lambda name, f: [
            name, f.stage, text(f.csat), text(f.nps), f.pain_points, text(f.other_pain), text(f.text),
            when(f.recorded_at), f.recorded_by,
        ],
        "kpis": lambda name, k: [
            name, k.on_date.isoformat(), k.metric, exports.as_number(k.value), k.entry_id, when(k.recorded_at),
            k.recorded_by,
        ],
    }
    return rows[kind]


def history_rows(invocation: Invocation, kind: str) -> Iterator[list[str]]:
    cells = _cells(kind, invocation)
    with invocation.unit_of_work() as uow:
        for page in exports.history_pages(session=uow.session, team_id=invocation.team_id, kind=kind):
            yield from (cells(name, row) for name, row in page)
