"""slack_sdk's installation and OAuth state tables, registered on the app's metadata.

slack_sdk's SQLAlchemy stores (used by bot/installs.py) read and write these tables; the shapes here are theirs,
column for column (tests/unit/test_oauth_tables.py compares them with the stores' own builders), so Alembic
creates them (migration 0013) without storage importing Slack, and the purge reaches the installation rows
(they carry `team_id`). The state rows belong to no workspace: they live ten minutes.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table, func
from sqlmodel import SQLModel

INSTALLATIONS_TABLE = "slack_installations"
BOTS_TABLE = "slack_bots"
STATES_TABLE = "slack_oauth_states"


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _text(name: str, length: int, *, nullable: bool = True) -> Column[str]:
    return Column(name, String(length), nullable=nullable)


def _workspace_and_bot() -> list[Column[object]]:
    """The columns an installation and a bot row share, up to the bot token's expiry."""
    return [
        _text("client_id", 32, nullable=False),
        _text("app_id", 32, nullable=False),
        _text("enterprise_id", 32),
        _text("enterprise_name", 200),
    ]


def _bot() -> list[Column[object]]:
    return [
        _text("bot_token", 200),
        _text("bot_id", 32),
        _text("bot_user_id", 32),
        _text("bot_scopes", 1000),
        _text("bot_refresh_token", 200),
        Column("bot_token_expires_at", DateTime, nullable=True),
    ]


slack_installations = Table(
    INSTALLATIONS_TABLE,
    SQLModel.metadata,
    _id(),
    *_workspace_and_bot(),
    _text("enterprise_url", 200),
    _text("team_id", 32),
    _text("team_name", 200),
    *_bot(),
    _text("user_id", 32, nullable=False),
    _text("user_token", 200),
    _text("user_scopes", 1000),
    _text("user_refresh_token", 200),
    Column("user_token_expires_at", DateTime, nullable=True),
    _text("incoming_webhook_url", 200),
    _text("incoming_webhook_channel", 200),
    _text("incoming_webhook_channel_id", 200),
    _text("incoming_webhook_configuration_url", 200),
    Column("is_enterprise_install", Boolean, nullable=False, default=False),
    _text("token_type", 32),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index("slack_installations_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)

slack_bots = Table(
    BOTS_TABLE,
    SQLModel.metadata,
    _id(),
    *_workspace_and_bot(),
    _text("team_id", 32),
    _text("team_name", 200),
    *_bot(),
    Column("is_enterprise_install", Boolean, nullable=False, default=False),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

slack_oauth_states = Table(
    STATES_TABLE,
    SQLModel.metadata,
    _id(),
    _text("state", 200, nullable=False),
    Column("expire_at", DateTime, nullable=False),
)

Index("ix_slack_installations_team", slack_installations.c.team_id, slack_installations.c.installed_at)
"""Ours, beside slack_sdk's (which leads with client_id): a workspace's latest installation by its team id alone,
for its Enterprise Grid org and its installer (storage/installs.py)."""
