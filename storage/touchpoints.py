"""Touchpoints with partners: recording them, a card's recent ones, and the journey map's counts (in SQL)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage import activity, dated_activity
from storage.journey_tables import Touchpoint
from storage.tables import Partner, StageMove


def stage_on(*, session: Session, partner: Partner, until: datetime) -> str:
    """The stage the partner was in just before `until` (its first stage when `until` predates its history)."""
    history = select(StageMove.to_stage).where(StageMove.team_id == partner.team_id, StageMove.partner_id == partner.id)
    newest_first = (col(StageMove.moved_at).desc(), col(StageMove.id).desc())
    latest = history.where(StageMove.moved_at < until).order_by(*newest_first)
    first = history.order_by(col(StageMove.moved_at), col(StageMove.id))
    return session.exec(latest.limit(1)).first() or session.exec(first.limit(1)).first() or partner.stage


def add_touchpoint(
    *, session: Session, partner: Partner, kind: str, stage: str, on_date: date, note: str | None, now: datetime,
    user: str,
) -> Touchpoint:
    assert partner.id is not None
    touchpoint = Touchpoint(
        team_id=partner.team_id, partner_id=partner.id, kind=kind, stage=stage, on_date=on_date, note=note,
        recorded_at=now, recorded_by=user,
    )
    session.add(touchpoint)
    activity.touch(session, [(partner.id, activity.TOUCHPOINT, now)])
    dated_activity.touch_days(session, [(partner.id, on_date)])
    return touchpoint


def recent_touchpoints(*, session: Session, partner: Partner, limit: int) -> list[Touchpoint]:
    query = (
        select(Touchpoint)
        .where(Touchpoint.team_id == partner.team_id, Touchpoint.partner_id == partner.id)
        .order_by(col(Touchpoint.on_date).desc(), col(Touchpoint.id).desc())
        .limit(limit)
    )
    return list(session.exec(query).all())


def touchpoints_by_stage(*, session: Session, team_id: str) -> dict[str, dict[str, int]]:
    """Stage → kind → how many touchpoints were logged with partners in that stage."""
    query = (
        select(Touchpoint.stage, Touchpoint.kind, func.count())
        .where(Touchpoint.team_id == team_id)
        .group_by(Touchpoint.stage, Touchpoint.kind)
    )
    counts: dict[str, dict[str, int]] = {}
    for stage, kind, count in session.exec(query).all():
        counts.setdefault(stage, {})[kind] = int(count)
    return counts


def kinds_before_moves(*, session: Session, team_id: str) -> dict[str, dict[str, int]]:
    """Stage → kind → how many moves out of that stage (forward or back) followed a touchpoint of that kind
    logged in the stage."""
    moves_after = (
        select(StageMove.from_stage, Touchpoint.kind, func.count(func.distinct(StageMove.id)))
        .join(
            Touchpoint,
            (col(Touchpoint.partner_id) == col(StageMove.partner_id))
            & (col(Touchpoint.stage) == col(StageMove.from_stage))
            & (col(Touchpoint.recorded_at) <= col(StageMove.moved_at)),
        )
        .where(StageMove.team_id == team_id, Touchpoint.team_id == team_id)
        .group_by(StageMove.from_stage, Touchpoint.kind)
    )
    counts: dict[str, dict[str, int]] = {}
    for stage, kind, count in session.exec(moves_after).all():
        counts.setdefault(stage or "", {})[kind] = int(count)
    return counts
