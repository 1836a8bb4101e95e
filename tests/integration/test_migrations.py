from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import storage.tables  # noqa: F401
from storage.migrate import downgrade, upgrade


def test_migrations_from_empty_database_create_every_table(engine: Engine) -> None:
    assert {"partner", "stage_move", "alembic_version"} <= set(inspect(engine).get_table_names())


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_migrations_downgrade_to_empty_and_up_again(engine: Engine) -> None:
    downgrade(engine, "base")
    assert "partner" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert "partner" in inspect(engine).get_table_names()
