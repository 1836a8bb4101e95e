"""A partner's score as a card and a result show it."""

from __future__ import annotations

from sqlmodel import Session

from commands.context import Invocation
from commands.replies import ScoreSummary
from domain import scoring
from storage import scoring as scoring_repository
from storage.tables import Partner


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
