"""Slices of one stage's partners in the order people read them: longest in the stage first, then by name.

"Longest" counts local calendar days, which SQL on SQLite cannot compute, so a slice is read through
the (stage, stage_entered_at) index by instant, widened to whole local days at both ends, and ordered
exactly in Python. Only the slice and the partners entered on its first and last day are loaded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from domain.clock import local_date, start_of_local_day
from domain.stalled import entered_day
from storage import stage_days, stage_tallies
from storage.tables import Partner

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class PartnerFilter:
    """Which active partners a list shows: of one workspace, optionally one owner and one type."""

    team_id: str
    owner: str | None = None
    type: str | None = None


def active_in_scope(query: Any, scope: PartnerFilter) -> Any:
    query = query.where(Partner.team_id == scope.team_id, col(Partner.archived).is_(False))
    if scope.owner is not None:
        query = query.where(Partner.owner == scope.owner)
    if scope.type is not None:
        query = query.where(Partner.type == scope.type)
    return query


def stage_counts(*, session: Session, scope: PartnerFilter, stages: Sequence[str] | None = None) -> Counter[str]:
    """Active partners per stage: the kept tally for the whole workspace, a count on the index for an owner or
    a type."""
    if scope.owner is None and scope.type is None:
        kept = stage_tallies.kept(session=session, team_id=scope.team_id)
        return kept if stages is None else Counter({stage: kept[stage] for stage in stages if kept[stage]})
    query = active_in_scope(select(Partner.stage, func.count()), scope).group_by(Partner.stage)
    if stages is not None:
        query = query.where(col(Partner.stage).in_(stages))
    return Counter({stage: count for stage, count in session.exec(query).all()})


def stage_extents(*, session: Session, scope: PartnerFilter) -> dict[str, tuple[int, datetime]]:
    """Each stage's partner count and earliest entry instant: for the whole workspace the kept tally and one
    index seek per stage, otherwise one grouped query over the stage index."""
    if scope.owner is None and scope.type is None:
        extents = {}
        for stage, count in stage_tallies.kept(session=session, team_id=scope.team_id).items():
            earliest = active_in_scope(select(func.min(Partner.stage_entered_at)), scope).where(Partner.stage == stage)
            first = session.exec(earliest).one()
            if first is not None:
                extents[stage] = (count, first)
        return extents
    query = active_in_scope(select(Partner.stage, func.count(), func.min(Partner.stage_entered_at)), scope)
    return {stage: (count, first) for stage, count, first in session.exec(query.group_by(Partner.stage)).all()}


def _whole(scope: PartnerFilter) -> bool:
    return scope.owner is None and scope.type is None


def middle_entries(*, session: Session, scope: PartnerFilter, stage: str, count: int) -> list[datetime]:
    """The middle one (odd `count`) or two entry instants of the stage in instant order: for the whole workspace
    through the kept days of entry, otherwise one index read."""
    position, wanted = (count - 1) // 2, 2 - count % 2
    if _whole(scope):
        return stage_days.entries_from(
            session=session, team_id=scope.team_id, stage=stage, position=position, limit=wanted
        )
    query = active_in_scope(select(Partner.stage_entered_at), scope).where(Partner.stage == stage)
    query = query.order_by(col(Partner.stage_entered_at)).offset(position).limit(wanted)
    return list(session.exec(query).all())


def count_before(*, session: Session, scope: PartnerFilter, stage: str, before: datetime | None) -> int:
    """The stage's partners in scope (entered before `before`, if given): for the whole workspace from the kept
    tallies, otherwise counted on the (team, owner, type, …, stage, entered) indexes."""
    if _whole(scope) and before is not None:
        return stage_days.count_before(session=session, team_id=scope.team_id, stage=stage, before=before)
    query = active_in_scope(select(func.count()).select_from(Partner), scope).where(Partner.stage == stage)
    if before is not None:
        query = query.where(Partner.stage_entered_at < before)
    return int(session.exec(query).one())


def reading_order(partner: Partner, now: datetime, zone: ZoneInfo) -> tuple[Any, str]:
    return entered_day(partner.stage_entered_at, now, zone), partner.name.casefold()


def stage_slice(
    *,
    session: Session,
    scope: PartnerFilter,
    stage: str,
    start: int,
    stop: int,
    now: datetime,
    zone: ZoneInfo,
    before: datetime | None = None,
) -> list[Partner]:
    """Positions [start, stop) of the stage's partners (entered before `before`, if given) in reading order."""
    if stop <= start:
        return []
    base = active_in_scope(select(Partner), scope).where(Partner.stage == stage)
    by_instant = select(Partner.stage_entered_at).where(Partner.stage == stage)
    by_instant = active_in_scope(by_instant, scope).order_by(col(Partner.stage_entered_at))
    if before is not None:
        by_instant = by_instant.where(Partner.stage_entered_at < before)
    first = session.exec(by_instant.offset(start).limit(1)).first()
    if first is None:
        return []
    last = session.exec(by_instant.offset(stop - 1).limit(1)).first()
    low = start_of_local_day(entered_day(first, now, zone), zone)
    query = base.where(Partner.stage_entered_at >= low)
    highs = [] if before is None else [before]
    if last is not None and entered_day(last, now, zone) < local_date(now, zone):  # today's day takes the future too
        highs.append(start_of_local_day(local_date(last, zone) + ONE_DAY, zone))
    if highs:  # one upper bound: given two, SQLite bounds the index range by either and filters by the other
        query = query.where(Partner.stage_entered_at < min(highs))
    skipped = count_before(session=session, scope=scope, stage=stage, before=low) if start else 0
    rows = sorted(session.exec(query).all(), key=lambda partner: reading_order(partner, now, zone))
    return rows[start - skipped : stop - skipped]

