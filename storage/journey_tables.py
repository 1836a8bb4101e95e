"""Tables of the journey as a team runs it: its stages and checklists, profile edits, touchpoints."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, Index, Numeric, UniqueConstraint
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


class JourneyStage(SQLModel, table=True):
    """A stage of a workspace's own journey; a workspace with no rows runs today's five default stages.

    Stall thresholds set with `stalled set` stay in `stage_threshold` and override `stall_threshold_days`.
    """

    __tablename__ = "journey_stage"
    __table_args__ = (UniqueConstraint("team_id", "key", name="uq_journey_stage_team_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    position: int
    key: str = Field(max_length=40)
    name: str = Field(max_length=40)
    description: str = Field(default="", max_length=300)
    aliases: str = Field(default="", max_length=500)
    stall_threshold_days: int | None = Field(default=None)


class ChecklistItem(SQLModel, table=True):
    """One step of a stage's checklist (the activation steps of onboarding, say)."""

    __tablename__ = "checklist_item"
    __table_args__ = (Index("ix_checklist_item_team_stage", "team_id", "stage"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    stage: str = Field(max_length=40)
    position: int
    text: str = Field(max_length=200)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str = Field(max_length=64)


class PartnerCheck(SQLModel, table=True):
    """A checklist step a partner has done."""

    __tablename__ = "partner_check"
    __table_args__ = (UniqueConstraint("partner_id", "item_id", name="uq_partner_check"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    item_id: int = Field(foreign_key="checklist_item.id", ondelete="CASCADE")
    checked_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    checked_by: str = Field(max_length=64)


class KpiTarget(SQLModel, table=True):
    """A target for one metric per month, quarter or year: for the program (no partner) or one partner."""

    __tablename__ = "kpi_target"
    __table_args__ = (Index("ix_kpi_target_team_partner", "team_id", "partner_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int | None = Field(default=None, foreign_key="partner.id", ondelete="CASCADE")
    metric: str = Field(max_length=40)
    amount: Decimal = Field(sa_column=Column(Numeric(16, 2), nullable=False))
    per: str = Field(max_length=10)
    set_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    set_by: str = Field(max_length=64)


class CompanySales(SQLModel, table=True):
    """The company's total sales for a month (first day of the month), to show partners' share of it."""

    __tablename__ = "company_sales"
    __table_args__ = (UniqueConstraint("team_id", "month", name="uq_company_sales_team_month"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    month: date
    amount: Decimal = Field(sa_column=Column(Numeric(16, 2), nullable=False))
    recorded_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    recorded_by: str = Field(max_length=64)
