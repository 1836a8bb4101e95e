"""`/partner list [STAGE] [owner=@user] [type=TYPE] [page N]`: a page of partners by stage, longest waiting first."""

from __future__ import annotations

from dataclasses import dataclass

from commands.context import Invocation
from commands.paging import Filters, owner_of, page_info, parse_filters, stage_of
from commands.registry.cards import partner_row
from commands.replies import PartnerListing, Reply, StageGroup
from commands.tokens import ParseError, Token
from domain.journey import Stage
from domain.language import N_, tr
from domain.paging import Page
from storage.stage_windows import PartnerFilter, stage_counts, stage_slice

USAGE = N_("Usage: `/partner list [STAGE] [owner=@user] [type=TYPE] [page N]`.")


@dataclass(frozen=True)
class ListCommand:
    filters: Filters
    stage: str | None = None


def parse_list(tokens: list[Token]) -> ListCommand:
    filters = parse_filters(tokens, tr(USAGE), allowed=("owner", "type", "stage"))
    stage = " ".join(token.text for token in filters.words).strip() or None
    if stage and filters.stage:
        raise ParseError(
            tr("Give the stage once: `list {stage}` or `list stage={given}`. {usage}", stage=stage,
               given=filters.stage, usage=tr(USAGE))
        )
    return ListCommand(filters, stage or filters.stage)


def list_partners(command: ListCommand, invocation: Invocation) -> Reply:
    scope = PartnerFilter(invocation.team_id, owner=owner_of(command.filters, invocation), type=command.filters.type)
    groups = []
    with invocation.unit_of_work() as uow:
        journey = invocation.journey
        chosen: Stage | None = (
            journey.resolve(command.stage) if command.stage else stage_of(command.filters, invocation)
        )
        stages = [chosen] if chosen else list(journey.stages)
        counts = stage_counts(session=uow.session, scope=scope, stages=[stage.key for stage in stages])
        page = Page(command.filters.page, sum(counts.values()))
        position = 0
        for stage in stages:
            size = counts.get(stage.key, 0)
            start, stop = max(page.offset, position), min(page.offset + page.size, position + size)
            if start < stop:
                partners = stage_slice(
                    session=uow.session,
                    scope=scope,
                    stage=stage.key,
                    start=start - position,
                    stop=stop - position,
                    now=invocation.now,
                    zone=invocation.timezone,
                )
                rows = tuple(partner_row(partner, invocation) for partner in partners)
                groups.append(StageGroup(stage.name, stage.key, size, rows))
            position += size
    shown = sum(len(group.rows) for group in groups)
    label = chosen.name if chosen else None
    links = page_info("list", command.filters, page, shown)
    return Reply(PartnerListing(tuple(groups), page.total, shown, label, links))
