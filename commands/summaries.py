"""Summaries shown on cards and reports: feedback on a partner, KPI figures over periods."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from commands.context import Invocation
from commands.replies import FeedbackSummary, Figures, ScoreSummary
from domain import feedback as rules
from domain import kpis as catalog
from domain import scoring
from domain.periods import ALL_TIME, Period, last_month, this_month
from storage import kpis as kpi_repository
from storage import scoring as scoring_repository
from storage.feedback import partner_feedback
from storage.handovers import flow_totals
from storage.tables import Partner

TOP_PAIN_POINTS = 3


def stage_title(invocation: Invocation, key: str) -> str:
    """A stored stage key's display name; a stage since removed from the journey shows as its key."""
    return next((stage.name for stage in invocation.journey.stages if stage.key == key), key)


def feedback_summary(session: Session, partner: Partner, invocation: Invocation) -> FeedbackSummary | None:
    answers = partner_feedback(session=session, partner=partner)
    if not answers:
        return None
    latest = answers[0]
    latest_nps = next((answer.nps for answer in answers if answer.nps is not None), None)
    return FeedbackSummary(
        responses=len(answers),
        latest_when=latest.recorded_at.astimezone(invocation.timezone),
        latest_stage=stage_title(invocation, latest.stage),
        latest_by=latest.recorded_by,
        latest_text=latest.text,
        latest_csat=latest.csat,
        latest_nps=latest.nps,
        average_csat=rules.average(answer.csat for answer in answers if answer.csat is not None),
        nps_class=rules.nps_class(latest_nps) if latest_nps is not None else None,
        top_pain_points=tuple(
            (count.pain_point, count.count)
            for count in rules.top_pain_points((answer.pain_point_list for answer in answers), TOP_PAIN_POINTS)
        ),
    )


def figures(session: Session, invocation: Invocation, period: Period, partner: Partner | None = None) -> Figures:
    totals = kpi_repository.totals(
        session=session,
        team_id=invocation.team_id,
        partner_id=partner.id if partner else None,
        start=period.start,
        end=period.end,
    )
    totals |= flow_totals(
        session=session,
        team_id=invocation.team_id,
        partner_id=partner.id if partner else None,
        start=period.start,
        end=period.end,
    )
    return Figures(period.title, totals, catalog.derive(totals))


def month_over_month(current: Figures, previous: Figures) -> dict[str, str | None]:
    changes: dict[str, str | None] = {}
    for item in catalog.METRICS:
        changes[item.key] = catalog.change(
            current.totals.get(item.key, Decimal(0)), previous.totals.get(item.key, Decimal(0))
        )
    for key in ("handovers", "bonus"):  # from hand-overs and bonuses, when there are any
        if key in current.totals or key in previous.totals:
            changes[key] = catalog.change(current.totals.get(key, Decimal(0)), previous.totals.get(key, Decimal(0)))
    for derived in catalog.DERIVED:
        changes[derived.key] = catalog.change(current.derived.get(derived.key), previous.derived.get(derived.key))
    return changes


def standard_periods(invocation: Invocation) -> tuple[Period, Period, Period]:
    return this_month(invocation.now, invocation.timezone), last_month(invocation.now, invocation.timezone), ALL_TIME


def score_summary(session: Session, partner: Partner, invocation: Invocation) -> ScoreSummary | None:
    """The partner's score, its raters, the score before the latest answers, and its best and worst criteria."""
    scorecard = scoring_repository.current_scorecard(session=session, team_id=invocation.team_id)
    assert partner.id is not None
    answers = scoring_repository.submissions(session=session, team_id=invocation.team_id, partner_ids=[partner.id])
    history = answers.get(partner.id, [])
    current = scoring.partner_score(history, scorecard, now=invocation.now)
    if current is None:
        return None
    previous = scoring.previous_score(history, scorecard, now=invocation.now)
    strongest, weakest = scoring.strongest_and_weakest(current, scorecard)
    return ScoreSummary(
        current.score, current.raters, previous.score if previous else None, tuple(strongest), tuple(weakest)
    )
