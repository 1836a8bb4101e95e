"""Queries on alliances and their members, always scoped to one workspace (`team_id`)."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from domain.errors import PartnerbotError
from storage.alliance_tables import Alliance, AllianceMember
from storage.bulk import _insert as insert_rows  # one statement however many rows, on both engines
from storage.tables import Partner

LIST_LIMIT = 50


def alliance_key(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split()).casefold())


def find_alliance(*, session: Session, team_id: str, name: str) -> Alliance | None:
    query = select(Alliance).where(Alliance.team_id == team_id, Alliance.name_key == alliance_key(name))
    return session.exec(query).first()


def alliance_names(*, session: Session, team_id: str, limit: int = 500) -> list[str]:
    query = select(Alliance.name).where(Alliance.team_id == team_id).order_by(Alliance.name_key).limit(limit)
    return list(session.exec(query).all())


def create_alliance(
    *, session: Session, team_id: str, name: str, type_key: str, partner_ids: list[int], now: datetime, user: str
) -> Alliance:
    alliance = Alliance(
        team_id=team_id, name=name, name_key=alliance_key(name), type=type_key, created_at=now, created_by=user
    )
    session.add(alliance)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise PartnerbotError(f"An alliance called '{name}' already exists; `/partner alliance show` it.") from None
    assert alliance.id is not None
    session.add_all(
        AllianceMember(team_id=team_id, alliance_id=alliance.id, partner_id=pid, position=position)
        for position, pid in enumerate(partner_ids, start=1)
    )
    return alliance


def members(*, session: Session, alliance: Alliance) -> list[Partner]:
    """The alliance's partners in chain order."""
    query = (
        select(Partner)
        .join(AllianceMember, col(AllianceMember.partner_id) == col(Partner.id))
        .where(AllianceMember.team_id == alliance.team_id, AllianceMember.alliance_id == alliance.id)
        .order_by(col(AllianceMember.position), col(AllianceMember.id))
    )
    return list(session.exec(query).all())


def add_member(*, session: Session, alliance: Alliance, partner_id: int, position: int | None = None) -> bool:
    """Appends the partner (or puts it at `position`, moving later members down one); False if it is a member."""
    rows = _member_rows(session, alliance)
    if any(row.partner_id == partner_id for row in rows):
        return False
    at = len(rows) + 1 if position is None else max(1, min(position, len(rows) + 1))
    for row in rows:
        if row.position >= at:
            row.position += 1
            session.add(row)
    assert alliance.id is not None
    session.add(AllianceMember(team_id=alliance.team_id, alliance_id=alliance.id, partner_id=partner_id, position=at))
    session.flush()
    return True


def remove_member(*, session: Session, alliance: Alliance, partner_id: int) -> bool:
    rows = _member_rows(session, alliance)
    kept = [row for row in rows if row.partner_id != partner_id]
    if len(kept) == len(rows):
        return False
    for row in rows:
        if row.partner_id == partner_id:
            session.delete(row)
    session.flush()
    for position, row in enumerate(kept, start=1):
        row.position = position
        session.add(row)
    return True


def _member_rows(session: Session, alliance: Alliance) -> list[AllianceMember]:
    query = select(AllianceMember).where(
        AllianceMember.team_id == alliance.team_id, AllianceMember.alliance_id == alliance.id
    )
    return list(session.exec(query.order_by(col(AllianceMember.position), col(AllianceMember.id))).all())


def partner_alliances(
    *, session: Session, team_id: str, partner_ids: list[int]
) -> dict[int, list[tuple[Alliance, int]]]:
    """Per partner, its alliances and its position in each, by alliance name."""
    query = (
        select(AllianceMember.partner_id, Alliance, AllianceMember.position)
        .join(Alliance, col(Alliance.id) == col(AllianceMember.alliance_id))
        .where(AllianceMember.team_id == team_id, col(AllianceMember.partner_id).in_(partner_ids))
        .order_by(col(Alliance.name_key))
    )
    found: dict[int, list[tuple[Alliance, int]]] = {}
    for partner_id, alliance, position in session.exec(query).all():
        found.setdefault(partner_id, []).append((alliance, position))
    return found


def list_alliances(
    *, session: Session, team_id: str, limit: int = LIST_LIMIT
) -> tuple[list[tuple[Alliance, int]], int]:
    """(alliance, member count) by name, at most `limit`, and how many there are in all."""
    count = func.count(col(AllianceMember.id))
    query = (
        select(Alliance, count)
        .outerjoin(AllianceMember, col(AllianceMember.alliance_id) == col(Alliance.id))
        .where(Alliance.team_id == team_id)
        .group_by(col(Alliance.id))
        .order_by(col(Alliance.name_key))
        .limit(limit)
    )
    total = session.exec(select(func.count()).select_from(Alliance).where(Alliance.team_id == team_id)).one()
    return [(alliance, int(n)) for alliance, n in session.exec(query).all()], int(total)


def alliances_page(*, session: Session, team_id: str, after_id: int, limit: int) -> list[Alliance]:
    query = select(Alliance).where(Alliance.team_id == team_id, col(Alliance.id) > after_id)
    return list(session.exec(query.order_by(col(Alliance.id)).limit(limit)).all())


def ensure_label_alliance(*, session: Session, partner: Partner, type_key: str, now: datetime, user: str) -> None:
    """The one-member alliance a partner's `alliance=TYPE` label stands for (as migration 0006 made them)."""
    assert partner.id is not None
    name = f"{partner.name} ({type_key})"
    existing = find_alliance(session=session, team_id=partner.team_id, name=name)
    if existing is None:
        create_alliance(
            session=session, team_id=partner.team_id, name=name, type_key=type_key,
            partner_ids=[partner.id], now=now, user=user,
        )
    else:
        add_member(session=session, alliance=existing, partner_id=partner.id)


def alliance_ids_by_key(*, session: Session, team_id: str, keys: list[str]) -> dict[str, int]:
    query = select(Alliance.name_key, Alliance.id).where(Alliance.team_id == team_id, col(Alliance.name_key).in_(keys))
    return {key: alliance_id for key, alliance_id in session.exec(query).all() if alliance_id is not None}


def insert_alliances(
    *, session: Session, team_id: str, alliances: list[tuple[str, str]], now: datetime, user: str
) -> dict[str, int]:
    """(name, type) rows inserted in one statement; name_key → new id."""
    if not alliances:
        return {}
    rows = [
        {"team_id": team_id, "name": name, "name_key": alliance_key(name), "type": kind, "created_at": now,
         "created_by": user}
        for name, kind in alliances
    ]
    table = Alliance.__table__
    returned = insert_rows(session.connection(), table, rows, table.c.name_key, table.c.id)
    return {key: alliance_id for key, alliance_id in returned}


def member_positions(*, session: Session, team_id: str, alliance_ids: list[int]) -> dict[int, dict[int, int]]:
    """alliance id → {partner id: position}."""
    query = select(AllianceMember.alliance_id, AllianceMember.partner_id, AllianceMember.position).where(
        AllianceMember.team_id == team_id, col(AllianceMember.alliance_id).in_(alliance_ids)
    )
    found: dict[int, dict[int, int]] = {}
    for alliance_id, partner_id, position in session.exec(query).all():
        found.setdefault(alliance_id, {})[partner_id] = position
    return found


def insert_members(*, session: Session, team_id: str, members: list[tuple[int, int, int]]) -> None:
    """(alliance id, partner id, position) rows in one statement."""
    if members:
        rows = [{"team_id": team_id, "alliance_id": a, "partner_id": p, "position": n} for a, p, n in members]
        insert_rows(session.connection(), AllianceMember.__table__, rows)
