"""What `/partner retention` reads instead of every partner's history, kept by database triggers: the quarters each
partner was active in and per team and quarter how many partners were (storage/quarter_activity.py); per team and
day how many partners' newest activity falls on it (storage/newest_days.py); and the deployment's calendar they
are counted in (storage/local_calendar.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class QuarterStart(SQLModel, table=True):
    """Where each quarter begins in the deployment's time zone (`zone`, the same on every row): midnight of its
    first day as a UTC instant (moves, feedback) and that day (KPI entries, touchpoints). Not workspace data: the
    zone is the deployment's, and the triggers look an activity's quarter up here."""

    __tablename__ = "quarter_start"
    __table_args__ = (
        Index("ix_quarter_start_starts_at", "starts_at", "quarter", unique=True),
        Index("ix_quarter_start_starts_on", "starts_on", "quarter", unique=True),
    )

    quarter: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    """year × 4 + (0 for January–March … 3 for October–December)."""
    zone: str = Field(max_length=64)
    starts_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    starts_on: date


class DayStart(SQLModel, table=True):
    """Midnight of each day in the deployment's time zone (`zone`), as a UTC instant: the local day of a stage
    move or feedback answer. Not workspace data, like `quarter_start`."""

    __tablename__ = "day_start"
    __table_args__ = (Index("ix_day_start_starts_at", "starts_at", "day", unique=True),)

    day: date = Field(primary_key=True)
    zone: str = Field(max_length=64)
    starts_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class PartnerQuarter(SQLModel, table=True):
    """A quarter the partner was active in, with how many activities it had then (a KPI entry undone takes
    one back; the row goes at zero)."""

    __tablename__ = "partner_quarter"

    partner_id: int = Field(foreign_key="partner.id", primary_key=True, sa_column_kwargs={"autoincrement": False})
    quarter: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    team_id: str = Field(max_length=32)
    activities: int = 0


class QuarterTally(SQLModel, table=True):
    """Per team and quarter, partners not archived that were active in it, and of those, active in the quarter
    before too."""

    __tablename__ = "quarter_tally"

    team_id: str = Field(max_length=32, primary_key=True)
    quarter: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    active: int = 0
    retained: int = 0


class NewestDayTally(SQLModel, table=True):
    """Per team and local day, partners not archived whose newest activity (move, feedback, KPI entry or touchpoint,
    by `storage.dated_activity`'s figures) falls on it; 0001-01-01 for those with none. The quiet partners since D
    are the sum over the days before D."""

    __tablename__ = "newest_day_tally"

    team_id: str = Field(max_length=32, primary_key=True)
    day: date = Field(primary_key=True)
    partners: int = 0
