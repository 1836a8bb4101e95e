"""A workspace's own journey: the default stages with the stall thresholds it has set."""

from __future__ import annotations

from sqlmodel import Session

from domain.journey import DEFAULT_JOURNEY, Journey
from storage.workspace import thresholds


def load_journey(*, session: Session, team_id: str) -> Journey:
    overrides = thresholds(session=session, team_id=team_id)
    return DEFAULT_JOURNEY.with_thresholds(overrides) if overrides else DEFAULT_JOURNEY
