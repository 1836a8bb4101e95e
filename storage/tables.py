"""The SQLModel tables. Every table holding workspace data carries `team_id`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, Index, Numeric, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage import (
    alliance_tables,  # noqa: F401  (registers the alliance tables on the same metadata)
    audit_recorder,  # noqa: F401  (records every flushed change in the audit trail)
    audit_tables,  # noqa: F401  (the audit trail)
    delivery_tables,  # noqa: F401  (install state, the outbox, the inbox)
    group_tables,  # noqa: F401  (the per-group tallies of `kpis by`)
    journey_tables,  # noqa: F401  (profile edits, touchpoints)
    oauth_tables,  # noqa: F401  (slack_sdk's installations, bots and OAuth states)
    retention_tables,  # noqa: F401  (the quarters and days partners were active in, kept for retention)
    role_tables,  # noqa: F401  (granted roles)
    scoring_tables,  # noqa: F401  (scorecards, answers, requests)
    settings_tables,  # noqa: F401  (named workspace and member settings)
)
from storage.types import UTCDateTime


class Partner(SQLModel, table=True):
    __tablename__ = "partner"
    __table_args__ = (
        UniqueConstraint("team_id", "name_key", name="uq_partner_team_name_key"),
        Index("ix_partner_team_stage", "team_id", "archived", "stage"),
        Index("ix_partner_team_stage_entered", "team_id", "archived", "stage", "stage_entered_at"),
        Index("ix_partner_team_owner_stage_entered", "team_id", "owner", "archived", "stage", "stage_entered_at"),
        # `list STAGE owner=… type=…` and `list type=…`: the count and the page on the index, no row read to filter
        Index(
            "ix_partner_team_owner_type_stage_entered",
            "team_id", "owner", "type", "archived", "stage", "stage_entered_at",
        ),
        Index("ix_partner_team_type_stage_entered", "team_id", "type", "archived", "stage", "stage_entered_at"),
        Index("ix_partner_team_last_activity", "team_id", "archived", "last_activity_at"),
        Index(
            "ix_partner_team_quiet",
            "team_id", "archived", "stage_entered_at", "name_key", "last_event_at", "last_event_on",
        ),
        # `kpis by type|owner|stage`: partners and active partners per group from the index alone
        Index("ix_partner_team_type_activity", "team_id", "archived", "type", "last_activity_at"),
        Index("ix_partner_team_owner_activity", "team_id", "archived", "owner", "last_activity_at"),
        Index("ix_partner_team_stage_activity", "team_id", "archived", "stage", "last_activity_at"),
        # a trigram index on PostgreSQL (mistyped names); SQLite has no trigrams and gets a plain one
        Index(
            "ix_partner_name_trgm",
            "name_key",
            postgresql_using="gin",
            postgresql_ops={"name_key": "gin_trgm_ops"},
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=200)
    stage: str = Field(max_length=40)
    stage_entered_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    type: str | None = Field(default=None, max_length=40)
    size: str | None = Field(default=None, max_length=40)
    segment: str | None = Field(default=None, max_length=80)
    owner: str | None = Field(default=None, max_length=80)
    alliance: str | None = Field(default=None, max_length=40)
    notes: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=40)
    archived: bool = Field(default=False)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str = Field(max_length=64)
    last_activity_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    """The newest stage move, feedback or KPI entry (storage/activity.py keeps it)."""
    last_activity_kind: str | None = Field(default=None, max_length=20)
    last_event_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    """The newest stage move or feedback answer (storage/dated_activity.py keeps it)."""
    last_event_on: date | None = Field(default=None)
    """The newest day a KPI entry or touchpoint is for (its `on` date)."""


class StageMove(SQLModel, table=True):
    """One step of a partner's journey; `from_stage` is None for the move that registered it."""

    __tablename__ = "stage_move"
    __table_args__ = (
        Index("ix_stage_move_partner_moved_at", "partner_id", "moved_at"),
        Index("ix_stage_move_team_moved_at", "team_id", "moved_at", "from_stage", "partner_id"),
        Index("ix_stage_move_team_to_stage_moved_at", "team_id", "to_stage", "moved_at", "partner_id"),
        # registrations only (partners acquired in a period): a few rows per partner instead of ten
        Index(
            "ix_stage_move_team_registered",
            "team_id",
            "moved_at",
            "from_stage",
            sqlite_where=text("from_stage IS NULL"),
            postgresql_where=text("from_stage IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    from_stage: str | None = Field(default=None, max_length=40)
    to_stage: str = Field(max_length=40)
    moved_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    moved_by: str = Field(max_length=64)
    note: str | None = Field(default=None, max_length=1000)


class Feedback(SQLModel, table=True):
    """What a partner told us, and in which stage of its journey."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_partner_recorded_at", "partner_id", "recorded_at"),
        Index("ix_feedback_team_recorded_at", "team_id", "recorded_at"),
        Index("ix_feedback_partner_scores", "partner_id", "team_id", "csat", "nps"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    stage: str = Field(max_length=40)
    csat: int | None = Field(default=None)
    nps: int | None = Field(default=None)
    text: str | None = Field(default=None, max_length=2000)
    pain_points: str = Field(default="", max_length=500)
    other_pain: str | None = Field(default=None, max_length=200)
    recorded_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    recorded_by: str = Field(max_length=64)

    @property
    def pain_point_list(self) -> tuple[str, ...]:
        return tuple(filter(None, self.pain_points.split(",")))


class KpiValue(SQLModel, table=True):
    """One figure of one `/partner kpi` entry; the rows of an entry share `entry_id` (undo removes them together)."""

    __tablename__ = "kpi_value"
    __table_args__ = (
        Index("ix_kpi_value_team_on_date", "team_id", "on_date"),
        Index("ix_kpi_value_team_on_date_partner", "team_id", "on_date", "partner_id"),
        Index("ix_kpi_value_partner_on_date", "partner_id", "on_date"),
        Index("ix_kpi_value_entry", "entry_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    entry_id: str = Field(max_length=36)
    metric: str = Field(max_length=40)
    value: Decimal = Field(sa_column=Column(Numeric(16, 2), nullable=False))
    on_date: date
    recorded_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    recorded_by: str = Field(max_length=64)


class FeedbackTally(SQLModel, table=True):
    """How many answers on active partners gave this stage this value of a facet: `csat` (0: none), `nps`
    (-1: none) or one `pain` point (storage/feedback_tallies.py keeps it)."""

    __tablename__ = "feedback_tally"
    __table_args__ = (UniqueConstraint("team_id", "stage", "facet", "value", name="uq_feedback_tally_facet"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    stage: str = Field(max_length=40)
    facet: str = Field(max_length=10)
    value: str = Field(max_length=500)
    answers: int


class KpiDay(SQLModel, table=True):
    """A workspace's KPI sum per day and metric over its active partners, kept with every entry, undo and
    archive, so program totals and weekly trends never read every KPI value."""

    __tablename__ = "kpi_day"
    __table_args__ = (UniqueConstraint("team_id", "day", "metric", name="uq_kpi_day_team_day_metric"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    day: date
    metric: str = Field(max_length=40)
    total: Decimal = Field(sa_column=Column(Numeric(18, 2), nullable=False))
    value_count: int = 0
    """How many values the sum holds: a metric whose values were all taken away is absent, not zero."""


class KpiPartnerTotal(SQLModel, table=True):
    """One partner's all-time sum of one metric, kept with every entry and undo (for the top partners)."""

    __tablename__ = "kpi_partner_total"
    __table_args__ = (
        UniqueConstraint("partner_id", "metric", name="uq_kpi_partner_total_partner_metric"),
        Index("ix_kpi_partner_total_team_metric_total", "team_id", "metric", "total"),
        Index("ix_kpi_partner_total_partner_covering", "partner_id", "team_id", "metric", "total"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    metric: str = Field(max_length=40)
    total: Decimal = Field(sa_column=Column(Numeric(18, 2), nullable=False))


class StageDay(SQLModel, table=True):
    """How many active partners of a workspace entered each stage on each UTC day (their current stage only): kept
    by triggers on `partner` (storage/stage_days.py), so counting a stage's partners before an instant, or finding
    its middle entry, reads a row per day instead of walking every partner's entry on the index."""

    __tablename__ = "stage_day"
    __table_args__ = (UniqueConstraint("team_id", "stage", "day", name="uq_stage_day_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    stage: str = Field(max_length=40)
    day: date
    partners: int = 0


class StageTally(SQLModel, table=True):
    """How many partners a workspace has in each stage, active and archived: kept by database triggers on
    `partner` (storage/stage_tallies.py) in the transaction of every insert, move, archive and delete, so the
    journey overview and the list's totals read a few rows instead of counting every partner."""

    __tablename__ = "stage_tally"
    __table_args__ = (UniqueConstraint("team_id", "stage", "archived", name="uq_stage_tally_team_stage_archived"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    stage: str = Field(max_length=40)
    archived: bool = Field(default=False)
    partners: int = 0


class WorkspaceSettings(SQLModel, table=True):
    """Per-workspace configuration set from Slack: where and when the weekly digest goes."""

    __tablename__ = "workspace_settings"

    team_id: str = Field(primary_key=True, max_length=32)
    digest_channel: str | None = Field(default=None, max_length=32)
    digest_channel_name: str | None = Field(default=None, max_length=80)
    digest_weekday: int = Field(default=0)
    digest_time: str = Field(default="09:00", max_length=5)
    digest_paused: bool = Field(default=False)
    stall_notify: str = Field(default="channel", max_length=10)
    """Where the daily stalled-partner summary goes: channel, dm (each owner their own) or both."""
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_by: str = Field(max_length=64)


class StageThreshold(SQLModel, table=True):
    """A workspace's stall threshold for one stage; `days` None means the stage never stalls."""

    __tablename__ = "stage_threshold"
    __table_args__ = (UniqueConstraint("team_id", "stage", name="uq_stage_threshold_team_stage"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    stage: str = Field(max_length=40)
    days: int | None = Field(default=None)


class JobRun(SQLModel, table=True):
    """The idempotency key of a scheduled job: one row per workspace, job and period (e.g. ISO week)."""

    __tablename__ = "job_run"
    __table_args__ = (UniqueConstraint("team_id", "job", "period_key", name="uq_job_run_team_job_period"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    job: str = Field(max_length=40)
    period_key: str = Field(max_length=40)
    status: str = Field(max_length=20)
    claimed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    detail: str | None = Field(default=None, max_length=500)


class StallAlert(SQLModel, table=True):
    """One alert per stall episode (a partner's stay in one stage), with its snooze state."""

    __tablename__ = "stall_alert"
    __table_args__ = (
        UniqueConstraint("partner_id", "episode_started_at", name="uq_stall_alert_episode"),
        Index("ix_stall_alert_team", "team_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    partner_id: int = Field(foreign_key="partner.id", ondelete="CASCADE")
    stage: str = Field(max_length=40)
    episode_started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    alerted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    channel: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    snoozed_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    snoozed_by: str | None = Field(default=None, max_length=64)
    snooze_reason: str | None = Field(default=None, max_length=300)
    summary_step_id: int | None = Field(default=None)
    """The daily summary message (an outbox step) that announced this episode; it is updated in place."""

