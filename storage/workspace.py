"""Per-workspace settings, stall thresholds, and the idempotency keys of scheduled jobs."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, or_, select

from storage.installs import installed
from storage.once import insert_once
from storage.tables import JobRun, StageThreshold, WorkspaceSettings


def get_settings(*, session: Session, team_id: str) -> WorkspaceSettings | None:
    return session.get(WorkspaceSettings, team_id)


def settings_for_update(*, session: Session, team_id: str, now: datetime, user: str) -> WorkspaceSettings:
    """The workspace's settings row, created with defaults when missing."""
    row = session.get(WorkspaceSettings, team_id, with_for_update=True)
    if row is None:
        row = WorkspaceSettings(team_id=team_id, updated_at=now, updated_by=user)
    row.updated_at, row.updated_by = now, user
    session.add(row)
    return row


def digest_workspaces(*, session: Session) -> list[WorkspaceSettings]:
    """Installed workspaces with a digest channel that is not paused."""
    query = select(WorkspaceSettings).where(
        col(WorkspaceSettings.digest_channel).is_not(None),
        col(WorkspaceSettings.digest_paused).is_(False),
        installed(WorkspaceSettings.team_id),
    )
    return list(session.exec(query).all())


def thresholds(*, session: Session, team_id: str) -> dict[str, int | None]:
    rows = session.exec(select(StageThreshold).where(StageThreshold.team_id == team_id)).all()
    return {row.stage: row.days for row in rows}


def set_threshold(*, session: Session, team_id: str, stage: str, days: int | None) -> None:
    row = session.exec(
        select(StageThreshold).where(StageThreshold.team_id == team_id, StageThreshold.stage == stage)
    ).first()
    row = row or StageThreshold(team_id=team_id, stage=stage)
    row.days = days
    session.add(row)


def claim_job_run(*, session: Session, team_id: str, job: str, period_key: str, now: datetime) -> JobRun | None:
    """Claims (team, job, period) by inserting its key; None when another run already holds it.

    The unique key is the final guard against double posting, whatever the scheduler does.
    """
    run = JobRun(team_id=team_id, job=job, period_key=period_key, status="running", claimed_at=now)
    return insert_once(session=session, row=run)


def job_run(*, session: Session, team_id: str, job: str, period_key: str) -> JobRun | None:
    return session.exec(
        select(JobRun).where(JobRun.team_id == team_id, JobRun.job == job, JobRun.period_key == period_key)
    ).first()


def alert_workspaces(*, session: Session) -> list[WorkspaceSettings]:
    """Installed workspaces whose stalled summary goes somewhere: a digest channel (even while the digest is
    paused), or owners' DMs."""
    goes_somewhere = or_(
        col(WorkspaceSettings.digest_channel).is_not(None), col(WorkspaceSettings.stall_notify).in_(("dm", "both"))
    )
    query = select(WorkspaceSettings).where(goes_somewhere, installed(WorkspaceSettings.team_id))
    return list(session.exec(query).all())
