"""Roles granted with `/partner role @user ROLE`: one row per member who holds a role other than the default."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class MemberRole(SQLModel, table=True):
    __tablename__ = "member_role"
    __table_args__ = (Index("ix_member_role_team_role", "team_id", "role", "user_id"),)

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    role: str = Field(max_length=16)
    granted_by: str = Field(max_length=64)
    granted_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
