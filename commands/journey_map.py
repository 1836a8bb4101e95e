"""`/partner map`: the journey map — per stage, partners, time spent, satisfaction and pain points."""

from __future__ import annotations

from dataclasses import dataclass

from commands.context import Invocation
from commands.replies import JourneyMap, MapStageLine, Reply
from commands.stage_spans import stage_spans
from commands.tokens import ParseError, Token
from commands.touchpoints import map_touchpoints
from domain.language import tr
from domain.tallies import average_of, net_promoter_score_of
from storage.feedback_tallies import StageTally, feedback_tallies

TOP_PAIN_POINTS = 3


def journey_map(invocation: Invocation) -> JourneyMap:
    with invocation.unit_of_work() as uow:
        spans = stage_spans(uow.session, invocation)
        tallies = feedback_tallies(session=uow.session, team_id=invocation.team_id)
        touchpoints = map_touchpoints(uow.session, invocation)
    lines = []
    for stage in invocation.journey.stages:
        span, said = spans[stage.key], tallies.get(stage.key, StageTally())
        lines.append(
            MapStageLine(
                stage=stage.name,
                partners=span.partners,
                median_days=span.median_days,
                max_days=span.max_days,
                average_csat=average_of(said.csat),
                nps=net_promoter_score_of(said.nps),
                feedback=said.answers,
                top_pain_points=tuple(
                    sorted(said.pain_points.items(), key=lambda item: (-item[1], item[0]))[:TOP_PAIN_POINTS]
                ),
            )
        )
    return JourneyMap(tuple(lines), touchpoints)


@dataclass(frozen=True)
class MapCommand:
    pass


def parse_map(tokens: list[Token]) -> MapCommand:
    if tokens:
        raise ParseError(tr("`/partner map` takes no arguments."))
    return MapCommand()


def show_map(command: MapCommand, invocation: Invocation) -> Reply:
    """Posted in the channel with its chart when asked in Slack; printed as a table in the console."""
    return Reply(journey_map(invocation.for_channel()), public=True, post_in_channel=invocation.channel_id)
