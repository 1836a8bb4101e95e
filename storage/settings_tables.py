"""Named settings set from Slack with `/partner settings`: one row per workspace key, one per member key.

Each feature owns its keys (roles, shared channels, languages…); the value is the key's own text form,
so a new key needs no new column or migration.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class WorkspaceOption(SQLModel, table=True):
    __tablename__ = "workspace_option"

    team_id: str = Field(primary_key=True, max_length=32)
    key: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=2000)
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_by: str = Field(max_length=64)


class MemberOption(SQLModel, table=True):
    """A setting one member chose for themselves (e.g. their language)."""

    __tablename__ = "member_option"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    key: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=2000)
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
