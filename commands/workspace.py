"""A workspace's own journey: its stages (today's five until it designs its own) with the thresholds it set."""

from __future__ import annotations

from sqlmodel import Session

from domain.journey import DEFAULT_JOURNEY, Journey, Stage
from storage.journey_tables import JourneyStage
from storage.stages import ALIAS_SEPARATOR, stage_rows
from storage.workspace import thresholds


def journey_from_rows(rows: list[JourneyStage]) -> Journey:
    return Journey(
        tuple(
            Stage(
                row.key, row.name, row.description, tuple(filter(None, row.aliases.split(ALIAS_SEPARATOR))),
                row.stall_threshold_days,
            )
            for row in rows
        )
    )


def rows_from_journey(team_id: str, journey: Journey) -> list[JourneyStage]:
    return [
        JourneyStage(
            team_id=team_id, position=position, key=stage.key, name=stage.name, description=stage.description,
            aliases=ALIAS_SEPARATOR.join(stage.aliases), stall_threshold_days=stage.stall_threshold_days,
        )
        for position, stage in enumerate(journey.stages, start=1)
    ]


def designed_journey(*, session: Session, team_id: str) -> Journey:
    """The workspace's stages as designed, before `stalled set` overrides."""
    rows = stage_rows(session=session, team_id=team_id)
    return journey_from_rows(rows) if rows else DEFAULT_JOURNEY


def load_journey(*, session: Session, team_id: str) -> Journey:
    journey = designed_journey(session=session, team_id=team_id)
    overrides = thresholds(session=session, team_id=team_id)
    return journey.with_thresholds(overrides) if overrides else journey
