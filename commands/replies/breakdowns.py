"""Replies about KPI breakdowns: a row of figures per group, or one row for a filtered set of partners."""

from __future__ import annotations

from dataclasses import dataclass

from domain.breakdowns import GroupFigures


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    label_is_person: bool
    figures: GroupFigures


@dataclass(frozen=True)
class KpiBreakdown:
    grouping: str | None
    """None: one row for the partners the filters select."""
    filters: tuple[tuple[str, str], ...]
    rows: tuple[BreakdownRow, ...]
    more_groups: bool = False
