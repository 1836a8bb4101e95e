"""A workspace's own stages: read, saved whole, and partners moved out of a stage being removed (in SQL)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, literal, select, update
from sqlmodel import Session, col

from storage import activity
from storage.audit import AUDIT, actor_of, as_json, changed_fields, record
from storage.journey_tables import JourneyStage
from storage.tables import Partner, StageMove, StageThreshold
from storage.types import UTCDateTime

ALIAS_SEPARATOR = "|"


def stage_rows(*, session: Session, team_id: str) -> list[JourneyStage]:
    query = select(JourneyStage).where(col(JourneyStage.team_id) == team_id).order_by(col(JourneyStage.position))
    return list(session.execute(query).scalars().all())


def save_stages(
    *, session: Session, team_id: str, rows: list[JourneyStage], previous: list[JourneyStage] | None = None
) -> None:
    """Replaces the workspace's stages with `rows` (a journey has at most a few dozen), recording one audit row
    with each stage that changed from `previous` (the journey in use; by default the stored one)."""
    stored = stage_rows(session=session, team_id=team_id) if previous is None else previous
    was = {row.key: _described(row) for row in stored}
    session.execute(delete(JourneyStage).where(col(JourneyStage.team_id) == team_id))
    session.flush()
    session.add_all(rows)
    before, after = {}, {}
    for key in dict.fromkeys([*was, *(row.key for row in rows)]):
        new = next((_described(row) for row in rows if row.key == key), {})
        old, changed = changed_fields(was.get(key, {}), new)
        if changed or old:
            before[key], after[key] = (old if key in was else None), (changed if new else None)
    if before or after:
        record(session, team_id=team_id, kind="journey.redesigned", before=before, after=after)


def _described(row: JourneyStage) -> dict[str, object]:
    return {
        "name": row.name, "position": row.position, "days": row.stall_threshold_days,
        "description": row.description or None, "aliases": row.aliases or None,
    }  # fmt: skip


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
    actor = actor_of(session)
    trail = select(
        Partner.team_id, literal(now, UTCDateTime()), literal(actor.user), literal(actor.surface),
        literal("partner.moved"), Partner.id, literal(as_json({"stage": from_stage})),
        literal(as_json({"stage": to_stage, "note": note} if note else {"stage": to_stage})),
    ).where(in_stage)
    audited = ["team_id", "at", "actor", "surface", "kind", "partner_id", "before", "after"]
    session.execute(insert(AUDIT).from_select(audited, trail))
    moved = update(Partner).where(in_stage).values(stage=to_stage, stage_entered_at=now, **activity.moved_at_once(now))
    result = session.execute(moved)
    return int(result.rowcount)  # type: ignore[attr-defined]


def forget_threshold(*, session: Session, team_id: str, stage: str) -> None:
    session.execute(
        delete(StageThreshold).where(col(StageThreshold.team_id) == team_id, col(StageThreshold.stage) == stage)
    )
