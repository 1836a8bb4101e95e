"""Stage checklists and the steps each partner has done."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.journey_tables import ChecklistItem, PartnerCheck
from storage.tables import Partner


def stage_items(*, session: Session, team_id: str, stage: str) -> list[ChecklistItem]:
    query = (
        select(ChecklistItem)
        .where(ChecklistItem.team_id == team_id, ChecklistItem.stage == stage)
        .order_by(col(ChecklistItem.position), col(ChecklistItem.id))
    )
    return list(session.exec(query).all())


def item_counts(*, session: Session, team_id: str) -> dict[str, int]:
    query = (
        select(ChecklistItem.stage, func.count()).where(ChecklistItem.team_id == team_id).group_by(ChecklistItem.stage)
    )
    return {stage: int(count) for stage, count in session.exec(query).all()}


def add_item(*, session: Session, team_id: str, stage: str, text: str, now: datetime, user: str) -> ChecklistItem:
    position = len(stage_items(session=session, team_id=team_id, stage=stage)) + 1
    item = ChecklistItem(team_id=team_id, stage=stage, position=position, text=text, created_at=now, created_by=user)
    session.add(item)
    return item


def remove_item(*, session: Session, item: ChecklistItem) -> None:
    session.delete(item)


def done_item_ids(*, session: Session, partner: Partner, item_ids: list[int]) -> set[int]:
    if not item_ids:
        return set()
    query = select(PartnerCheck.item_id).where(
        PartnerCheck.team_id == partner.team_id,
        PartnerCheck.partner_id == partner.id,
        col(PartnerCheck.item_id).in_(item_ids),
    )
    return set(session.exec(query).all())


def mark_done(*, session: Session, partner: Partner, item: ChecklistItem, now: datetime, user: str) -> None:
    assert partner.id is not None and item.id is not None
    session.add(
        PartnerCheck(team_id=partner.team_id, partner_id=partner.id, item_id=item.id, checked_at=now, checked_by=user)
    )
