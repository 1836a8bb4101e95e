"""Tables of alliance structures: alliances, their members, client hand-overs and bonuses paid."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, ForeignKey, Index, Integer, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class Alliance(SQLModel, table=True):
    """A structure of partners around the company; `advice` is the last set of recommendations the digest saw."""

    __tablename__ = "alliance"
    __table_args__ = (UniqueConstraint("team_id", "name_key", name="uq_alliance_team_name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    name: str = Field(max_length=120)
    name_key: str = Field(max_length=300)
    type: str = Field(max_length=20)
    advice: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str = Field(max_length=64)


class AllianceMember(SQLModel, table=True):
    """A partner in an alliance; `position` orders a chain (1 is the first link)."""

    __tablename__ = "alliance_member"
    __table_args__ = (
        UniqueConstraint("alliance_id", "partner_id", name="uq_alliance_member"),
        Index("ix_alliance_member_team_partner", "team_id", "partner_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    alliance_id: int = Field(foreign_key="alliance.id", ondelete="CASCADE")
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    position: int


class Handover(SQLModel, table=True):
    """A client passed along a link: from a partner (None: the company) to a partner (None: the company)."""

    __tablename__ = "handover"
    __table_args__ = (
        Index("ix_handover_team_on_date", "team_id", "on_date"),
        Index("ix_handover_team_alliance", "team_id", "alliance_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    alliance_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("alliance.id", ondelete="SET NULL"), nullable=True)
    )
    from_partner_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("partner.id", ondelete="CASCADE"), nullable=True)
    )
    to_partner_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("partner.id", ondelete="CASCADE"), nullable=True)
    )
    client: str = Field(max_length=200)
    value: Decimal | None = Field(default=None, sa_column=Column(Numeric(16, 2), nullable=True))
    waited_hours: Decimal | None = Field(default=None, sa_column=Column(Numeric(10, 2), nullable=True))
    on_date: date
    recorded_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    recorded_by: str = Field(max_length=64)


class Bonus(SQLModel, table=True):
    """A bonus the company paid a partner (for the clients it brought)."""

    __tablename__ = "bonus"
    __table_args__ = (Index("ix_bonus_team_partner", "team_id", "partner_id", "on_date"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    amount: Decimal = Field(sa_column=Column(Numeric(16, 2), nullable=False))
    reason: str | None = Field(default=None, max_length=200)
    on_date: date
    recorded_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    recorded_by: str = Field(max_length=64)
