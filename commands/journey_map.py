"""`/partner map`: the journey map — per stage, partners, time spent, satisfaction and pain points."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from commands.context import Invocation
from commands.registry.cards import days_in_stage
from commands.replies import JourneyMap, MapStageLine, Reply
from commands.tokens import ParseError, Token
from commands.touchpoints import map_touchpoints
from domain import feedback as rules
from storage.feedback import team_feedback
from storage.registry import active_partners
from storage.tables import Feedback

TOP_PAIN_POINTS = 3


def journey_map(invocation: Invocation) -> JourneyMap:
    with invocation.unit_of_work() as uow:
        partners = active_partners(session=uow.session, team_id=invocation.team_id)
        answers = team_feedback(session=uow.session, team_id=invocation.team_id)
        touchpoints = map_touchpoints(uow.session, invocation)
    days: dict[str, list[int]] = defaultdict(list)
    for partner in partners:
        days[partner.stage].append(days_in_stage(partner, invocation))
    given: dict[str, list[Feedback]] = defaultdict(list)
    for answer in answers:
        given[answer.stage].append(answer)
    lines = []
    for stage in invocation.journey.stages:
        spent, said = days[stage.key], given[stage.key]
        lines.append(
            MapStageLine(
                stage=stage.name,
                partners=len(spent),
                median_days=statistics.median(spent) if spent else None,
                max_days=max(spent) if spent else None,
                average_csat=rules.average(a.csat for a in said if a.csat is not None),
                nps=rules.net_promoter_score(a.nps for a in said if a.nps is not None),
                feedback=len(said),
                top_pain_points=tuple(
                    (c.pain_point, c.count)
                    for c in rules.top_pain_points((a.pain_point_list for a in said), TOP_PAIN_POINTS)
                ),
            )
        )
    return JourneyMap(tuple(lines), touchpoints)


@dataclass(frozen=True)
class MapCommand:
    pass


def parse_map(tokens: list[Token]) -> MapCommand:
    if tokens:
        raise ParseError("`/partner map` takes no arguments.")
    return MapCommand()


def show_map(command: MapCommand, invocation: Invocation) -> Reply:
    """Posted in the channel with its chart when asked in Slack; printed as a table in the console."""
    return Reply(journey_map(invocation), public=True, post_in_channel=invocation.channel_id)
