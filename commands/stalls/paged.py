"""`/partner stalled [owner=@user] [type=TYPE] [stage=STAGE] [page N]`: a page of the most overdue partners."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from commands.context import Invocation
from commands.paging import Filters, owner_of, page_info, parse_filters, stage_of
from commands.replies import Reply, StalledList, StalledPartner
from commands.stalls import listing
from commands.stalls.parse import Stalled, parse_stalled
from commands.tokens import ParseError, Token
from domain.journey import Journey
from domain.language import N_, tr
from domain.paging import PAGE_SIZE, Page
from storage.stage_windows import PartnerFilter
from storage.stalled import alerts_for_partners, last_activities, stalled_page, stalled_total

USAGE = N_(
    "Usage: `/partner stalled [owner=@user] [type=TYPE] [stage=STAGE] [page N]`, `stalled set STAGE DAYS`,"
    " `stalled notify channel|dm|both` or `stalled reasons`."
)
SUBCOMMANDS = ("set", "reasons", "notify")


@dataclass(frozen=True)
class StalledPage:
    filters: Filters


def parse(tokens: list[Token]) -> Stalled | StalledPage:
    if tokens and tokens[0].kind == "word" and tokens[0].text.casefold() in SUBCOMMANDS:
        return parse_stalled(tokens)
    filters = parse_filters(tokens, tr(USAGE))
    if filters.words:
        raise ParseError(
            tr("'{word}' is not understood here. {usage}", word=filters.words[0].text, usage=tr(USAGE))
        )
    return StalledPage(filters)


def _journey(invocation: Invocation, filters: Filters) -> Journey:
    stage = stage_of(filters, invocation)
    return invocation.journey if stage is None else Journey((stage,))


def stalled_rows(
    session: Session,
    invocation: Invocation,
    scope: PartnerFilter,
    journey: Journey,
    *,
    offset: int,
    limit: int,
    total: int | None = None,
) -> tuple[list[StalledPartner], int]:
    """One page of stalled partners with their snooze state and last activity, and how many there are (counted
    unless given)."""
    found = stalled_page(
        session=session,
        scope=scope,
        journey=journey,
        now=invocation.now,
        zone=invocation.timezone,
        offset=offset,
        limit=limit,
        total=total,
    )
    alerts = alerts_for_partners(session=session, partners=found.partners)
    activities = last_activities(partners=found.partners)
    rows = []
    for partner in found.partners:
        described = listing.describe_activity(activities.get(partner.id or 0), invocation)
        entry = listing.stalled_partner(session, partner, invocation, alerts.get(partner.id or 0), described)
        if entry is not None:
            rows.append(entry)
    return rows, found.total


def count_stalled(session: Session, invocation: Invocation, owner: str | None = None) -> int:
    scope = PartnerFilter(invocation.team_id, owner=owner)
    return stalled_total(
        session=session, scope=scope, journey=invocation.journey, now=invocation.now, zone=invocation.timezone
    )


def stalled(command: Stalled | StalledPage, invocation: Invocation) -> Reply:
    if isinstance(command, Stalled):
        return listing.stalled(command, invocation)
    filters = command.filters
    scope = PartnerFilter(invocation.team_id, owner=owner_of(filters, invocation), type=filters.type)
    with invocation.unit_of_work() as uow:
        journey = _journey(invocation, filters)
        total = stalled_total(
            session=uow.session, scope=scope, journey=journey, now=invocation.now, zone=invocation.timezone
        )
        page = Page(filters.page, total)
        rows, _ = stalled_rows(
            uow.session, invocation, scope, journey, offset=page.offset, limit=PAGE_SIZE, total=total
        )
    thresholds = tuple((stage.name, stage.stall_threshold_days) for stage in invocation.journey.stages)
    return Reply(StalledList(tuple(rows), thresholds, page_info("stalled", filters, page, len(rows)), total))
