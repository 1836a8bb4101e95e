"""Tables of the journey as a team runs it: profile edits kept as history, touchpoints with partners."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class PartnerEdit(SQLModel, table=True):
    """One changed profile field (or the name) of a partner: before → after, who, when."""

    __tablename__ = "partner_edit"
    __table_args__ = (Index("ix_partner_edit_partner_edited_at", "partner_id", "edited_at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    field: str = Field(max_length=20)
    before: str | None = Field(default=None, max_length=1000)
    after: str | None = Field(default=None, max_length=1000)
    edited_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    edited_by: str = Field(max_length=64)


class Touchpoint(SQLModel, table=True):
    """A contact with a partner (a call, a meeting, a webinar…) on a day, in the stage it was then in."""

    __tablename__ = "touchpoint"
    __table_args__ = (
        Index("ix_touchpoint_partner_on_date", "partner_id", "on_date"),
        Index("ix_touchpoint_team_on_date", "team_id", "on_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    kind: str = Field(max_length=20)
    stage: str = Field(max_length=40)
    on_date: date
    note: str | None = Field(default=None, max_length=1000)
    recorded_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    recorded_by: str = Field(max_length=64)
