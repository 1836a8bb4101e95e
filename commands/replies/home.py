"""The App Home overview."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from commands.replies.kpis import ProgramDashboard
    from commands.replies.registry import StageGroup
    from commands.replies.stages import JourneyOverview
    from commands.replies.stalls import StalledPartner


@dataclass(frozen=True)
class HomeOverview:
    """App Home: the viewer's own partners by stage, and the program's stage counts."""

    user_id: str
    my_partners: tuple[StageGroup, ...]
    journey: JourneyOverview
    my_stalled: tuple[StalledPartner, ...] = ()
    questionnaires_waiting: tuple[str, ...] = ()
    program: ProgramDashboard | None = None
    my_stalled_total: int | None = None
    """How many of the viewer's partners are stalled (None: `my_stalled` is all of them)."""
