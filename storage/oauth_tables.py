"""slack_sdk's installation and OAuth state tables, registered on the app's metadata.

The SQLAlchemy stores define their own tables; building them here with the stores' own builders keeps their
shape exactly slack_sdk's (plus one index) while Alembic creates them (migration 0013) and the purge reaches the
installation rows (they carry `team_id`). The state rows belong to no workspace: they live ten minutes.
"""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Index
from sqlmodel import SQLModel

INSTALLATIONS_TABLE = SQLAlchemyInstallationStore.default_installations_table_name
BOTS_TABLE = SQLAlchemyInstallationStore.default_bots_table_name
STATES_TABLE = SQLAlchemyOAuthStateStore.default_table_name

slack_installations = SQLAlchemyInstallationStore.build_installations_table(SQLModel.metadata, INSTALLATIONS_TABLE)
slack_bots = SQLAlchemyInstallationStore.build_bots_table(SQLModel.metadata, BOTS_TABLE)
slack_oauth_states = SQLAlchemyOAuthStateStore.build_oauth_states_table(SQLModel.metadata, STATES_TABLE)

Index("ix_slack_installations_team", slack_installations.c.team_id, slack_installations.c.installed_at)
"""Ours, beside slack_sdk's (which leads with client_id): a workspace's latest installation by its team id alone,
for its Enterprise Grid org and its installer (storage/installs.py)."""
