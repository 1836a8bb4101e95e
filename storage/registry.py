"""Queries on partners and their stage history, always scoped to one workspace (`team_id`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from domain.errors import DuplicatePartner
from domain.partner import Profile, name_key
from storage import activity, stage_tallies
from storage.once import insert_once
from storage.tables import Partner, StageMove


def find_partner(*, session: Session, team_id: str, name: str, for_update: bool = False) -> Partner | None:
    """The partner called `name` (any case), through the (team_id, name_key) unique index.

    `for_update` locks the row until commit on PostgreSQL, so concurrent moves queue up
    (SQLite serialises writers with BEGIN IMMEDIATE instead).
    """
    query = select(Partner).where(Partner.team_id == team_id, Partner.name_key == name_key(name))
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def partner_names(*, session: Session, team_id: str, include_archived: bool = False) -> list[str]:
    query = select(Partner.name).where(Partner.team_id == team_id)
    if not include_archived:
        query = query.where(col(Partner.archived).is_(False))
    return list(session.exec(query).all())


def add_partner(
    *, session: Session, team_id: str, name: str, profile: Profile, stage: str, now: datetime, user: str
) -> Partner:
    """Registers a partner in `stage` and records that as the first move of its history."""
    partner = Partner(
        team_id=team_id,
        name=name,
        name_key=name_key(name),
        stage=stage,
        stage_entered_at=now,
        created_at=now,
        created_by=user,
        last_activity_at=now,
        last_activity_kind=activity.MOVE,
        last_event_at=now,
        **vars(profile),
    )
    if insert_once(session=session, row=partner) is None:
        existing = find_partner(session=session, team_id=team_id, name=name)
        raise DuplicatePartner(name, existing.name if existing else name) from None
    assert partner.id is not None
    session.add(
        StageMove(team_id=team_id, partner_id=partner.id, from_stage=None, to_stage=stage, moved_at=now, moved_by=user)
    )
    return partner


def record_move(
    *, session: Session, partner: Partner, to_stage: str, now: datetime, user: str, note: str | None
) -> StageMove:
    """Moves `partner` (locked by the caller) and appends the move to its history, in one transaction.

    The move is stamped no earlier than the partner's last move, read under the row lock: a request that
    took its `now` before queueing behind a concurrent advance must not record a move older than that one,
    or the newest history row would contradict the partner's stage.
    """
    assert partner.id is not None
    now = max(now, partner.stage_entered_at)
    move = StageMove(
        team_id=partner.team_id,
        partner_id=partner.id,
        from_stage=partner.stage,
        to_stage=to_stage,
        moved_at=now,
        moved_by=user,
        note=note,
    )
    partner.stage = to_stage
    partner.stage_entered_at = now
    session.add(partner)
    session.add(move)
    activity.touch(session, [(partner.id, activity.MOVE, now)])
    return move


def recent_moves(*, session: Session, partner: Partner, limit: int = 5) -> list[StageMove]:
    query = (
        select(StageMove)
        .where(StageMove.team_id == partner.team_id, StageMove.partner_id == partner.id)
        .order_by(col(StageMove.moved_at).desc(), col(StageMove.id).desc())
        .limit(limit)
    )
    return list(session.exec(query).all())


def active_partners(
    *, session: Session, team_id: str, stages: Sequence[str] | None = None, owner: str | None = None
) -> list[Partner]:
    """Partners not archived, longest in their stage first."""
    query = select(Partner).where(Partner.team_id == team_id, col(Partner.archived).is_(False))
    if stages is not None:
        query = query.where(col(Partner.stage).in_(stages))
    if owner is not None:
        query = query.where(Partner.owner == owner)
    return list(session.exec(query.order_by(col(Partner.stage_entered_at), col(Partner.name_key))).all())


def stage_counts(*, session: Session, team_id: str) -> Counter[str]:
    return stage_tallies.kept(session=session, team_id=team_id)


def count_archived(*, session: Session, team_id: str) -> int:
    return sum(stage_tallies.kept(session=session, team_id=team_id, archived=True).values())
