"""How long partners have been in each stage — count, median and longest days — from the stage index,
reading the count and earliest entry of every stage in one query, then the middle one or two entries of each."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlmodel import Session

from commands.context import Invocation
from domain.clock import days_between
from storage.stage_windows import PartnerFilter, middle_entries, stage_extents


@dataclass(frozen=True)
class StageSpan:
    partners: int
    median_days: float | None
    max_days: int | None


def stage_spans(session: Session, invocation: Invocation) -> dict[str, StageSpan]:
    """Days in stage fall as the entry instant grows, so the median and longest days are those of the
    middle and earliest instants, whatever order partners of the same day are read in."""
    scope, now, zone = PartnerFilter(invocation.team_id), invocation.now, invocation.timezone
    extents = stage_extents(session=session, scope=scope)
    spans = {}
    for stage in invocation.journey.stages:
        size, earliest = extents.get(stage.key, (0, None))
        if not size or earliest is None:
            spans[stage.key] = StageSpan(0, None, None)
            continue
        middle = middle_entries(session=session, scope=scope, stage=stage.key, count=size)
        days = [days_between(entered, now, zone) for entered in middle]
        spans[stage.key] = StageSpan(size, statistics.median(days), days_between(earliest, now, zone))
    return spans
