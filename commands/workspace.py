"""A workspace's own journey: the default stages with the stall thresholds it has set."""

from __future__ import annotations

from collections.abc import Callable

from domain.journey import DEFAULT_JOURNEY, Journey
from storage.unit_of_work import UnitOfWork
from storage.workspace import thresholds


def load_journey(unit_of_work: Callable[[], UnitOfWork], team_id: str) -> Journey:
    with unit_of_work() as uow:
        overrides = thresholds(session=uow.session, team_id=team_id)
    return DEFAULT_JOURNEY.with_thresholds(overrides) if overrides else DEFAULT_JOURNEY
