"""Reading and writing the named workspace and member settings."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from storage.settings_tables import MemberOption, WorkspaceOption


def workspace_options(*, session: Session, team_id: str) -> dict[str, str]:
    rows = session.exec(select(WorkspaceOption).where(WorkspaceOption.team_id == team_id)).all()
    return {row.key: row.value for row in rows}


def workspace_option(*, session: Session, team_id: str, key: str) -> str | None:
    row = session.get(WorkspaceOption, (team_id, key))
    return None if row is None else row.value


def member_options(*, session: Session, team_id: str, user_id: str) -> dict[str, str]:
    query = select(MemberOption).where(MemberOption.team_id == team_id, MemberOption.user_id == user_id)
    return {row.key: row.value for row in session.exec(query).all()}


def member_option(*, session: Session, team_id: str, user_id: str, key: str) -> str | None:
    row = session.get(MemberOption, (team_id, user_id, key))
    return None if row is None else row.value


def put_workspace_option(
    *, session: Session, team_id: str, key: str, value: str | None, now: datetime, user: str
) -> None:
    """Sets a workspace key; None removes it (back to the key's default)."""
    row = session.get(WorkspaceOption, (team_id, key), with_for_update=True)
    if value is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = WorkspaceOption(team_id=team_id, key=key, value=value, updated_at=now, updated_by=user)
    row.value, row.updated_at, row.updated_by = value, now, user
    session.add(row)


def put_member_option(
    *, session: Session, team_id: str, user_id: str, key: str, value: str | None, now: datetime
) -> None:
    row = session.get(MemberOption, (team_id, user_id, key), with_for_update=True)
    if value is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = MemberOption(team_id=team_id, user_id=user_id, key=key, value=value, updated_at=now)
    row.value, row.updated_at = value, now
    session.add(row)
