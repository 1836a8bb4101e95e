"""Install state per workspace, and the filter every scheduled job applies with it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.delivery_tables import WorkspaceInstall
from storage.oauth_tables import slack_installations


def set_installed(*, session: Session, team_id: str, installed: bool, reason: str, now: datetime) -> None:
    """Upserts the workspace's state; concurrent events (Slack retries them) cannot collide on the key."""
    dialect = session.get_bind().dialect.name
    insert: Any = postgresql_insert if dialect == "postgresql" else sqlite_insert
    values = {"team_id": team_id, "installed": installed, "reason": reason, "changed_at": now}
    statement = insert(WorkspaceInstall).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["team_id"], set_={key: value for key, value in values.items() if key != "team_id"}
        )
    )


def is_installed(*, session: Session, team_id: str) -> bool:
    row = session.get(WorkspaceInstall, team_id)
    return row is None or row.installed


def installed(team_id: Any) -> ColumnElement[bool]:
    """A WHERE clause keeping rows of workspaces not known to be uninstalled (`team_id` is their column)."""
    uninstalled = select(WorkspaceInstall.team_id).where(
        col(WorkspaceInstall.team_id) == team_id, col(WorkspaceInstall.installed).is_(False)
    )
    return ~uninstalled.exists()


def installer_of(*, session: Session, team_id: str) -> str | None:
    """The Slack user who last installed the app in the workspace through "Add to Slack" (None in single-token
    mode, or before anyone did): the roles give them admin."""
    query = (
        select(slack_installations.c.user_id)
        .where(slack_installations.c.team_id == team_id)
        .order_by(slack_installations.c.installed_at.desc(), slack_installations.c.id.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def enterprise_of(*, session: Session, team_id: str) -> str | None:
    """The Enterprise Grid org a workspace's latest installation belongs to (None outside a Grid): slack_sdk's
    store finds an installation by both ids."""
    query = (
        select(slack_installations.c.enterprise_id)
        .where(slack_installations.c.team_id == team_id)
        .order_by(slack_installations.c.installed_at.desc(), slack_installations.c.id.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()
