"""The App Home overview for one user: their partners, their stalled partners, questionnaires waiting
for them, and the program's totals."""

from __future__ import annotations

from commands.cards import partner_row
from commands.context import Invocation
from commands.kpis import dashboard
from commands.registry import stages
from commands.replies import HomeOverview, JourneyOverview, ProgramDashboard, StageGroup
from commands.stalls import stalled_partners
from storage import partners as repository
from storage.scoring import waiting_for

MY_PARTNERS_PER_STAGE = 15


def home_overview(invocation: Invocation) -> HomeOverview:
    with invocation.unit_of_work() as uow:
        mine = repository.active_partners(session=uow.session, team_id=invocation.team_id, owner=invocation.user_id)
        stalled = [s for s in stalled_partners(uow.session, invocation) if s.owner == invocation.user_id]
        waiting = waiting_for(session=uow.session, team_id=invocation.team_id, lead=invocation.user_id)
    groups = []
    for stage in invocation.journey.stages:
        rows = sorted(
            (partner_row(p, invocation) for p in mine if p.stage == stage.key), key=lambda row: -row.days_in_stage
        )
        if rows:
            groups.append(StageGroup(stage.name, stage.key, len(rows), tuple(rows[:MY_PARTNERS_PER_STAGE])))
    journey = stages(None, invocation).body
    program = dashboard(invocation).body
    assert isinstance(journey, JourneyOverview) and isinstance(program, ProgramDashboard)
    return HomeOverview(invocation.user_id, tuple(groups), journey, tuple(stalled), tuple(waiting), program)
