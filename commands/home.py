"""The App Home overview for one user: their partners, their stalled partners, questionnaires waiting
for them, and the program's totals."""

from __future__ import annotations

from commands.context import Invocation
from commands.kpis import program_dashboard
from commands.registry.cards import partner_row
from commands.registry.partners import journey_overview
from commands.replies import HomeOverview, StageGroup
from commands.stalls.paged import stalled_rows
from storage.scoring import waiting_for
from storage.stage_windows import PartnerFilter, stage_counts, stage_slice

MY_PARTNERS_PER_STAGE = 10
MY_STALLED_SHOWN = 10


def home_overview(invocation: Invocation) -> HomeOverview:
    scope = PartnerFilter(invocation.team_id, owner=invocation.user_id)
    groups = []
    with invocation.unit_of_work() as uow:
        session = uow.session
        counts = stage_counts(session=session, scope=scope)
        for stage in invocation.journey.stages:
            if not counts.get(stage.key):
                continue
            mine = stage_slice(
                session=session,
                scope=scope,
                stage=stage.key,
                start=0,
                stop=MY_PARTNERS_PER_STAGE,
                now=invocation.now,
                zone=invocation.timezone,
            )
            rows = tuple(partner_row(partner, invocation) for partner in mine)
            groups.append(StageGroup(stage.name, stage.key, counts[stage.key], rows))
        stalled, stalled_total = stalled_rows(
            session, invocation, scope, invocation.journey, offset=0, limit=MY_STALLED_SHOWN
        )
        waiting = waiting_for(session=session, team_id=invocation.team_id, lead=invocation.user_id)
        journey = journey_overview(session, invocation)
        program = program_dashboard(session, invocation)
    return HomeOverview(
        invocation.user_id,
        tuple(groups),
        journey,
        tuple(stalled),
        tuple(waiting),
        program,
        my_stalled_total=stalled_total,
    )
