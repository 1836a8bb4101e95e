"""Queries on partner feedback."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from storage import activity
from storage import feedback_tallies as tallies
from storage.tables import Feedback, Partner


def add_feedback(
    *,
    session: Session,
    partner: Partner,
    csat: int | None,
    nps: int | None,
    text: str | None,
    pain_points: Sequence[str],
    other_pain: str | None = None,
    now: datetime,
    user: str,
) -> Feedback:
    assert partner.id is not None
    feedback = Feedback(
        team_id=partner.team_id,
        partner_id=partner.id,
        stage=partner.stage,
        csat=csat,
        nps=nps,
        text=text,
        pain_points=",".join(pain_points),
        other_pain=other_pain,
        recorded_at=now,
        recorded_by=user,
    )
    session.add(feedback)
    activity.touch(session, [(partner.id, activity.FEEDBACK, now)])
    if not partner.archived:
        tallies.count(session, partner.team_id, {tallies.key_of(partner.stage, csat, nps, feedback.pain_points): 1})
    return feedback


def partner_feedback(*, session: Session, partner: Partner) -> list[Feedback]:
    """All feedback on one partner, newest first."""
    query = (
        select(Feedback)
        .where(Feedback.team_id == partner.team_id, Feedback.partner_id == partner.id)
        .order_by(col(Feedback.recorded_at).desc(), col(Feedback.id).desc())
    )
    return list(session.exec(query).all())


def team_feedback(*, session: Session, team_id: str) -> list[Feedback]:
    """Feedback on the team's active partners, for the journey map."""
    query = (
        select(Feedback)
        .join(Partner, col(Partner.id) == col(Feedback.partner_id))
        .where(Feedback.team_id == team_id, col(Partner.archived).is_(False))
    )
    return list(session.exec(query).all())
