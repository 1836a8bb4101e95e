"""Feedback on active partners counted per stage in one grouped scan, for the journey map."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.tables import Feedback, Partner


@dataclass
class StageTally:
    answers: int = 0
    csat: Counter[int] = field(default_factory=Counter)
    nps: Counter[int] = field(default_factory=Counter)
    pain_points: Counter[str] = field(default_factory=Counter)


def feedback_tallies(*, session: Session, team_id: str) -> dict[str, StageTally]:
    query = (
        select(Feedback.stage, Feedback.csat, Feedback.nps, Feedback.pain_points, func.count())
        .join(Partner, col(Partner.id) == col(Feedback.partner_id))
        .where(Feedback.team_id == team_id, col(Partner.archived).is_(False))
        .group_by(Feedback.stage, Feedback.csat, Feedback.nps, Feedback.pain_points)
    )
    tallies: dict[str, StageTally] = defaultdict(StageTally)
    for stage, csat, nps, pains, count in session.exec(query).all():
        tally = tallies[stage]
        tally.answers += count
        if csat is not None:
            tally.csat[csat] += count
        if nps is not None:
            tally.nps[nps] += count
        for point in filter(None, (pains or "").split(",")):
            tally.pain_points[point] += count
    return dict(tallies)
