"""The audit trail's table: one row per change, written in the transaction that made it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class AuditEntry(SQLModel, table=True):
    """Who changed what, when, from where: `before` and `after` hold (as JSON) only the fields that changed."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_team_partner_at", "team_id", "partner_id", "at", "id"),
        Index("ix_audit_entry_team_at", "team_id", "at", "id"),
        Index("ix_audit_entry_team_actor_at", "team_id", "actor", "at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    actor: str = Field(max_length=64)
    """A Slack user id, or `cli`, `job`, `import` (or whoever a CLI verb was told with --user)."""
    surface: str = Field(max_length=10)
    """Where the change entered: command, button, form, job, cli or import."""
    kind: str = Field(max_length=40)
    partner_id: int | None = Field(default=None)
    """No foreign key: writing the trail never locks or waits on the partner row; `purge` deletes both."""
    before: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    after: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
