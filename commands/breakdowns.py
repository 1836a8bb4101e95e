"""`/partner kpis by GROUP [field=value…]` and `/partner kpis field=value…`: the program's KPIs per group.

A grouping with at most one filter, or one or two filters, reads the kept per-group tallies (of a field, or of
a pair of fields: a few rows per group at any size); a grouping with two filters or more, three filters or more,
or an empty filter value aggregates in SQL over the partners the filters select.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from commands.context import Invocation
from commands.grammar import pair_fields, word_tokens
from commands.replies import Reply
from commands.replies.breakdowns import BreakdownRow, KpiBreakdown
from commands.targets import dashboard
from commands.tokens import ParseError, Token
from domain.breakdowns import GroupFigures, grouping, nps_from_counts
from domain.language import tr
from domain.partner import clean_value
from domain.words import fold
from storage import breakdowns as repository
from storage import group_tallies

ACTIVE_WINDOW_DAYS = 30
USAGE = "`/partner kpis [by type|size|segment|source|owner|stage|alliance] [type=reseller …]`"


@dataclass(frozen=True)
class Kpis:
    by: str | None = None
    filters: tuple[tuple[str, str], ...] = ()


def parse_kpis(tokens: list[Token]) -> Kpis:
    words = word_tokens(tokens)
    by = None
    if words:
        if fold(words[0].text) not in ("by", "po", "по") or len(words) != 2:
            stray = " ".join(word.text for word in words)
            raise ParseError(
                tr("'{words}' is not understood; group with `by GROUP`, filter with field=value. {usage}", words=stray,
                   usage=USAGE)
            )
        by = grouping(words[1].text)
    filters = pair_fields(tokens, "kpis")
    for key, _ in filters:
        grouping(key)  # the same fields filter as group
    return Kpis(by, filters)


def _filter_value(field: str, raw: str, invocation: Invocation) -> str:
    if field == "stage":
        return invocation.journey.resolve(raw).key
    if field == "owner":
        return raw
    return clean_value(field, raw) or raw


def _label(field: str | None, value: object, invocation: Invocation) -> str:
    if value is None:
        return "all selected" if field is None else "(not set)"
    if field == "stage":
        return next((s.name for s in invocation.journey.stages if s.key == value), str(value))
    return str(value)


def breakdown(command: Kpis, invocation: Invocation) -> KpiBreakdown:
    field = command.by
    with invocation.unit_of_work() as uow:
        filters = {grouping(key): _filter_value(grouping(key), raw, invocation) for key, raw in command.filters}
        scope = {"session": uow.session, "team_id": invocation.team_id, "field": field, "filters": filters}
        figures = group_tallies if group_tallies.serves(field, filters) else repository
        partners = figures.partner_counts(**scope)
        since = invocation.now - timedelta(days=ACTIVE_WINDOW_DAYS)
        active = figures.active_counts(**scope, since=since)
        totals = figures.kpi_totals(**scope)
        said = figures.satisfaction(**scope)
    rows = []
    for group, count in partners.items():
        if not count:
            continue
        csat, promoters, detractors, answers = said.get(group, (None, 0, 0, 0))
        nps = nps_from_counts(promoters, detractors, answers)
        figures = GroupFigures(group, count, active.get(group, 0), totals.get(group, {}), csat, nps)
        rows.append(BreakdownRow(_label(field, group, invocation), field == "owner" and group is not None, figures))
    rows.sort(key=lambda row: (-row.figures.partners, row.figures.group is None, str(row.figures.group)))
    if field == "stage":
        order = {key: index for index, key in enumerate(invocation.journey.keys)}
        rows.sort(key=lambda row: order.get(str(row.figures.group), len(order)))
    return KpiBreakdown(field, tuple(filters.items()), tuple(rows), len(rows) >= repository.MAX_GROUPS)


def kpis(command: Kpis, invocation: Invocation) -> Reply:
    if command.by is None and not command.filters:
        return dashboard(invocation)
    if command.by is None:
        return Reply(breakdown(command, invocation))
    return Reply(breakdown(command, invocation.for_channel()), public=True, post_in_channel=invocation.channel_id)

