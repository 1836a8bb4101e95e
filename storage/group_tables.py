"""The per-group tallies behind `/partner kpis by GROUP` and `/partner kpis FIELD=VALUE`: a row per workspace,
grouping field (type, size, segment, source, owner, stage, alliance, `all` for the whole program, or a pair of
fields such as `type+stage`, whose value is the two values joined by a unit separator) and value ('' when not
set), kept by triggers (storage/group_tally_triggers.py) over active partners only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel


class GroupTally(SQLModel, table=True):
    """Partners in the group, and its feedback answers summed: CSAT sum and count, NPS promoters, detractors
    and answers."""

    __tablename__ = "group_tally"
    __table_args__ = (UniqueConstraint("team_id", "field", "value", name="uq_group_tally_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    field: str = Field(max_length=20)
    value: str = Field(max_length=170)
    partners: int = 0
    csat_sum: int = 0
    csat_answers: int = 0
    promoters: int = 0
    detractors: int = 0
    nps_answers: int = 0


class GroupKpiTally(SQLModel, table=True):
    """The group's all-time sum of one metric (its partners' kept totals added up)."""

    __tablename__ = "group_kpi_tally"
    __table_args__ = (UniqueConstraint("team_id", "field", "value", "metric", name="uq_group_kpi_tally_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    field: str = Field(max_length=20)
    value: str = Field(max_length=170)
    metric: str = Field(max_length=40)
    total: Decimal = Field(sa_column=Column(Numeric(18, 2), nullable=False))
    totals: int = 0
    """How many partner totals the sum holds: a metric none of the group's partners has is absent, not zero."""


class GroupActivityDay(SQLModel, table=True):
    """How many of the group's partners had their last activity on this UTC day: the partners active since a
    moment are the days after its day added up, plus that day's partners counted from their rows."""

    __tablename__ = "group_activity_day"
    __table_args__ = (UniqueConstraint("team_id", "field", "value", "day", name="uq_group_activity_day_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    field: str = Field(max_length=20)
    value: str = Field(max_length=170)
    day: date
    partners: int = 0


class RegistrationDay(SQLModel, table=True):
    """How many of a workspace's active partners registered (entered the journey) on this UTC day: the
    dashboard's partners acquired this month and quarter add up the days inside and count the partial days
    at the edges from the moves."""

    __tablename__ = "registration_day"
    __table_args__ = (UniqueConstraint("team_id", "day", name="uq_registration_day_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    day: date
    partners: int = 0
