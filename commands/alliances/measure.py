"""Measuring an alliance (links, figures, recommendations) and the matrix of types, from the team's own data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import pairwise

from sqlmodel import Session

from commands.context import Invocation
from commands.replies.alliances import LinkLine, MatrixRow
from domain import scoring
from domain.alliance_advice import Advice, Link, Measures, advise, median, roi
from domain.alliances import ALLIANCE_STRUCTURES, alliance_type
from domain.clock import local_date
from storage import alliance_figures as figures
from storage import handovers as flows
from storage import scoring as scoring_repository
from storage.alliance_tables import Alliance
from storage.tables import Partner


@dataclass(frozen=True)
class TeamBaseline:
    conversion: Decimal | None
    csat: Decimal | None
    cycle_days: Decimal | None


def baseline(session: Session, invocation: Invocation) -> TeamBaseline:
    team = invocation.team_id
    spans = figures.journey_spans(session=session, team_id=team, goal=invocation.journey.stages[-1].key)
    return TeamBaseline(
        figures.median_conversion(session=session, team_id=team),
        figures.average_csat(session=session, team_id=team),
        _median_days(spans),
    )


def _median_days(spans: Iterable[tuple[datetime, datetime]]) -> Decimal | None:
    return median((end - start).total_seconds() / 86400 for start, end in spans)


def _links(alliance: Alliance, members: list[Partner], session: Session) -> tuple[LinkLine, ...]:
    assert alliance.id is not None
    counts = flows.link_counts(session=session, team_id=alliance.team_id, alliance_id=alliance.id)
    bonuses = flows.bonuses_by_partner(
        session=session, team_id=alliance.team_id, partner_ids=[m.id for m in members if m.id is not None]
    )
    names = {m.id: m.name for m in members}
    pairs: list[tuple[int | None, int | None]]
    if alliance_type(alliance.type).ordered:
        pairs = [(a.id, b.id) for a, b in pairwise(members)] or [(m.id, None) for m in members]
    else:
        pairs = [(m.id, None) for m in members]
    pairs += [pair for pair in counts if pair not in pairs]
    paid: set[int | None] = set()
    lines = []
    for source, to in pairs:  # a partner's bonuses show on its first link only
        lines.append(
            LinkLine(
                names.get(source, "?") if source is not None else None,
                names.get(to, "?") if to is not None else None,
                counts.get((source, to), (0, None))[0],
                bonuses.get(source) if source is not None and source not in paid else None,
                counts.get((source, to), (0, None))[1],
            )
        )
        paid.add(source)
    return tuple(lines)


def measure_alliance(
    session: Session, invocation: Invocation, alliance: Alliance, members: list[Partner], team: TeamBaseline
) -> tuple[tuple[LinkLine, ...], tuple[Advice, ...]]:
    assert alliance.id is not None
    ids = [m.id for m in members if m.id is not None]
    kpis = figures.kpis_by_partner(session=session, team_id=alliance.team_id, partner_ids=ids)
    links = _links(alliance, members, session)
    summed: dict[str, Decimal] = {}
    for values in kpis.values():
        for metric, value in values.items():
            summed[metric] = summed.get(metric, Decimal(0)) + value
    leads, deals = summed.get("leads"), summed.get("deals", Decimal(0))
    bonuses = sum((link.bonuses or Decimal(0) for link in links), Decimal(0))
    last = flows.last_handover(session=session, team_id=alliance.team_id, alliance_id=alliance.id)
    since = max(filter(None, [last, local_date(alliance.created_at, invocation.timezone)]))
    spans = figures.journey_spans(
        session=session, team_id=alliance.team_id, goal=invocation.journey.stages[-1].key, partner_ids=ids
    )
    measures = Measures(
        conversion=deals / leads if leads else None,
        team_conversion=team.conversion,
        csat=figures.average_csat(session=session, team_id=alliance.team_id, partner_ids=ids) if ids else None,
        team_csat=team.csat,
        median_wait_hours=median(flows.waits(session=session, team_id=alliance.team_id, alliance_ids=[alliance.id])),
        links=tuple(Link(link.source or "the company", link.to, link.clients) for link in links),
        revenue_by_member=tuple((m.name, kpis.get(m.id or 0, {}).get("revenue", Decimal(0))) for m in members),
        revenue=summed.get("revenue"),
        bonuses=bonuses or None,
        cost=summed.get("cost"),
        days_since_handover=(local_date(invocation.now, invocation.timezone) - since).days,
        members=len(members),
        cycle_days=_median_days(spans),
        team_cycle_days=team.cycle_days,
    )
    return links, advise(alliance_type(alliance.type), measures)


def _member_scores_and_days(
    session: Session, invocation: Invocation, type_key: str
) -> tuple[list[float], list[tuple[datetime, datetime]]]:
    scorecard = scoring_repository.current_scorecard(session=session, team_id=invocation.team_id)
    scores: list[float] = []
    spans: list[tuple[datetime, datetime]] = []
    after = 0
    while ids := figures.member_ids(session=session, team_id=invocation.team_id, type_key=type_key, after_id=after):
        answers = scoring_repository.submissions(session=session, team_id=invocation.team_id, partner_ids=ids)
        for history in answers.values():
            found = scoring.partner_score(history, scorecard, now=invocation.now)
            if found is not None:
                scores.append(found.score)
        spans += figures.journey_spans(
            session=session, team_id=invocation.team_id, goal=invocation.journey.stages[-1].key, partner_ids=ids
        )
        after = ids[-1]
    return scores, spans


def matrix_rows(session: Session, invocation: Invocation) -> tuple[MatrixRow, ...]:
    team = invocation.team_id
    counts = figures.counts_by_type(session=session, team_id=team)
    kpis = figures.kpis_by_type(session=session, team_id=team)
    csat = figures.csat_by_type(session=session, team_id=team)
    rows = []
    for structure in ALLIANCE_STRUCTURES:
        alliances, members = counts.get(structure.key, (0, 0))
        totals = kpis.get(structure.key, {})
        scores, spans = _member_scores_and_days(session, invocation, structure.key) if members else ([], [])
        leads, revenue = totals.get("leads"), totals.get("revenue")
        spent = (totals.get("cost"), totals.get("bonus"))
        rows.append(
            MatrixRow(
                structure.key,
                structure.name,
                alliances,
                members,
                median(scores),
                totals.get("deals", Decimal(0)) / leads if leads else None,
                revenue,
                totals.get("bonus"),
                roi(revenue, spent[0] or Decimal(0), spent[1] or Decimal(0)) if revenue is not None else None,
                _median_days(spans),
                csat.get(structure.key),
            )
        )
    return tuple(rows)
