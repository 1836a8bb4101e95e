"""Reading and granting members' roles; who holds a role, a page at a time."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from storage.role_tables import MemberRole


def granted_role(*, session: Session, team_id: str, user_id: str) -> str | None:
    row = session.get(MemberRole, (team_id, user_id))
    return None if row is None else row.role


def grant_role(*, session: Session, team_id: str, user_id: str, role: str, now: datetime, by: str) -> str | None:
    """Gives `user_id` the role; returns the role they held before (None: the workspace's default)."""
    row = session.get(MemberRole, (team_id, user_id), with_for_update=True)
    before = None if row is None else row.role
    if row is None:
        row = MemberRole(team_id=team_id, user_id=user_id, role=role, granted_by=by, granted_at=now)
    row.role, row.granted_by, row.granted_at = role, by, now
    session.add(row)
    return before


def holders(*, session: Session, team_id: str, role: str, limit: int) -> list[str]:
    """Up to `limit` members granted `role`, by user id."""
    query = (
        select(MemberRole.user_id)
        .where(MemberRole.team_id == team_id, MemberRole.role == role)
        .order_by(col(MemberRole.user_id))
        .limit(limit)
    )
    return list(session.exec(query).all())


def granted_count(*, session: Session, team_id: str) -> int:
    return int(session.exec(select(func.count()).select_from(MemberRole).where(MemberRole.team_id == team_id)).one())


def granted_page(*, session: Session, team_id: str, offset: int, limit: int) -> list[MemberRole]:
    """One page of the workspace's grants, by role then user."""
    query = (
        select(MemberRole)
        .where(MemberRole.team_id == team_id)
        .order_by(col(MemberRole.role), col(MemberRole.user_id))
        .offset(offset)
        .limit(limit)
    )
    return list(session.exec(query).all())
