"""The installation and state tables storage declares are slack_sdk's own, column for column and index for index."""

from __future__ import annotations

import pytest
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, Table

from storage.oauth_tables import (
    BOTS_TABLE,
    INSTALLATIONS_TABLE,
    STATES_TABLE,
    slack_bots,
    slack_installations,
    slack_oauth_states,
)

THEIRS = MetaData()


def shape(table: Table) -> tuple[object, ...]:
    columns = tuple(
        (column.name, repr(column.type), column.nullable, column.primary_key, column.default is not None)
        for column in table.columns
    )
    indexes = sorted(
        (index.name, tuple(column.name for column in index.columns), index.unique)
        for index in table.indexes
        if index.name != "ix_slack_installations_team"
    )
    return table.name, columns, tuple(indexes)


Installs = SQLAlchemyInstallationStore
States = SQLAlchemyOAuthStateStore


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (slack_installations, Installs.build_installations_table(THEIRS, Installs.default_installations_table_name)),
        (slack_bots, Installs.build_bots_table(THEIRS, Installs.default_bots_table_name)),
        (slack_oauth_states, States.build_oauth_states_table(THEIRS, States.default_table_name)),
    ],
)
def test_each_table_has_the_shape_slack_sdks_store_builds(ours: Table, theirs: Table) -> None:
    assert shape(ours) == shape(theirs)


def test_the_table_names_are_the_stores_defaults() -> None:
    assert (
        SQLAlchemyInstallationStore.default_installations_table_name,
        SQLAlchemyInstallationStore.default_bots_table_name,
        SQLAlchemyOAuthStateStore.default_table_name,
    ) == (INSTALLATIONS_TABLE, BOTS_TABLE, STATES_TABLE)
