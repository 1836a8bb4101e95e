"""How long partners have been in each stage — count, median and longest days — from the stage index,
reading only the oldest partner and the middle one or two of each stage."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlmodel import Session

from commands.context import Invocation
from commands.registry.cards import days_in_stage
from storage.stage_windows import PartnerFilter, stage_counts, stage_slice


@dataclass(frozen=True)
class StageSpan:
    partners: int
    median_days: float | None
    max_days: int | None


def stage_spans(session: Session, invocation: Invocation) -> dict[str, StageSpan]:
    scope = PartnerFilter(invocation.team_id)
    counts = stage_counts(session=session, scope=scope)
    spans = {}
    for stage in invocation.journey.stages:
        size = counts.get(stage.key, 0)
        if not size:
            spans[stage.key] = StageSpan(0, None, None)
            continue

        def days_at(start: int, stop: int, key: str = stage.key) -> list[int]:
            partners = stage_slice(
                session=session,
                scope=scope,
                stage=key,
                start=start,
                stop=stop,
                now=invocation.now,
                zone=invocation.timezone,
            )
            return [days_in_stage(partner, invocation) for partner in partners]

        middle = days_at((size - 1) // 2, size // 2 + 1)
        spans[stage.key] = StageSpan(size, statistics.median(middle), days_at(0, 1)[0])
    return spans
