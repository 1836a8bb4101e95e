"""The App Home overview for one user: their partners, their stalled partners, questionnaires waiting
for them, and the program's totals."""

from __future__ import annotations

from commands.context import Invocation
from commands.kpis import program_dashboard
from commands.registry.cards import partner_row
from commands.registry.partners import journey_overview
from commands.replies import HomeOverview, StageGroup
from commands.stalls import stalled_partners
from storage import registry as repository
from storage.scoring import waiting_for

MY_PARTNERS_PER_STAGE = 15


def home_overview(invocation: Invocation) -> HomeOverview:
    with invocation.unit_of_work() as uow:
        session = uow.session
        mine = repository.active_partners(session=session, team_id=invocation.team_id, owner=invocation.user_id)
        stalled = stalled_partners(session, invocation, owner=invocation.user_id)
        waiting = waiting_for(session=session, team_id=invocation.team_id, lead=invocation.user_id)
        journey = journey_overview(session, invocation)
        program = program_dashboard(session, invocation)
    groups = []
    for stage in invocation.journey.stages:
        rows = sorted(
            (partner_row(p, invocation) for p in mine if p.stage == stage.key), key=lambda row: -row.days_in_stage
        )
        if rows:
            groups.append(StageGroup(stage.name, stage.key, len(rows), tuple(rows[:MY_PARTNERS_PER_STAGE])))
    return HomeOverview(invocation.user_id, tuple(groups), journey, tuple(stalled), tuple(waiting), program)
