"""A partner's profile edits, kept as history: which field, before → after, who, when."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from domain.partner import name_key
from storage.journey_tables import PartnerEdit
from storage.tables import Partner


def record_edits(
    *, session: Session, partner: Partner, changes: Iterable[tuple[str, str | None, str | None]], now: datetime,
    user: str,
) -> None:
    """Sets each field of `partner` (locked by the caller) and appends (field, before, after) to its history."""
    assert partner.id is not None
    for field, before, after in changes:
        setattr(partner, field, after)
        if field == "name":
            partner.name_key = name_key(after or "")
        session.add(
            PartnerEdit(
                team_id=partner.team_id, partner_id=partner.id, field=field, before=before, after=after,
                edited_at=now, edited_by=user,
            )
        )
    session.add(partner)


def recent_edits(*, session: Session, partner: Partner, limit: int = 5) -> list[PartnerEdit]:
    query = (
        select(PartnerEdit)
        .where(PartnerEdit.team_id == partner.team_id, PartnerEdit.partner_id == partner.id)
        .order_by(col(PartnerEdit.edited_at).desc(), col(PartnerEdit.id).desc())
        .limit(limit)
    )
    return list(session.exec(query).all())
