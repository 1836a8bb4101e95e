"""A workspace's own stages: read, saved whole, and partners moved out of a stage being removed (in SQL)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, literal, select, update
from sqlmodel import Session, col

from storage import activity
from storage.journey_tables import JourneyStage
from storage.tables import Partner, StageMove, StageThreshold
from storage.types import UTCDateTime

ALIAS_SEPARATOR = "|"


def stage_rows(*, session: Session, team_id: str) -> list[JourneyStage]:
    query = select(JourneyStage).where(col(JourneyStage.team_id) == team_id).order_by(col(JourneyStage.position))
    return list(session.execute(query).scalars().all())


def save_stages(*, session: Session, team_id: str, rows: list[JourneyStage]) -> None:
    """Replaces the workspace's stages with `rows` (a journey has at most a few dozen)."""
    session.execute(delete(JourneyStage).where(col(JourneyStage.team_id) == team_id))
    session.flush()
    session.add_all(rows)


def partners_in_stage(*, session: Session, team_id: str, stage: str) -> int:
    """Every partner in the stage, archived ones too: their stage must stay in the journey."""
    query = select(func.count()).select_from(Partner).where(Partner.team_id == team_id, Partner.stage == stage)
    return int(session.execute(query).scalar_one())


def move_everyone(
    *, session: Session, team_id: str, from_stage: str, to_stage: str, now: datetime, user: str, note: str
) -> int:
    """Moves every partner in `from_stage` to `to_stage`, each with a history row, in two statements."""
    in_stage = (col(Partner.team_id) == team_id) & (col(Partner.stage) == from_stage)
    moves = select(
        Partner.team_id, Partner.id, literal(from_stage), literal(to_stage), literal(now, UTCDateTime()),
        literal(user), literal(note),
    ).where(in_stage)
    columns = ["team_id", "partner_id", "from_stage", "to_stage", "moved_at", "moved_by", "note"]
    session.execute(insert(StageMove).from_select(columns, moves))
    moved = update(Partner).where(in_stage).values(stage=to_stage, stage_entered_at=now, **activity.moved_at_once(now))
    result = session.execute(moved)
    return int(result.rowcount)  # type: ignore[attr-defined]


def forget_threshold(*, session: Session, team_id: str, stage: str) -> None:
    session.execute(
        delete(StageThreshold).where(col(StageThreshold.team_id) == team_id, col(StageThreshold.stage) == stage)
    )
