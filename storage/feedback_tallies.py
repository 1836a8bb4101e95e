"""Feedback on active partners counted per stage and answer, kept with every answer and archive, so the
journey map reads a few hundred tallies instead of every answer.

A missing CSAT is stored as 0 and a missing NPS as -1 (neither is a valid answer), so the tally's key
has no NULLs and an upsert can find its row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.tables import Feedback, FeedbackTally, Partner

NO_CSAT, NO_NPS = 0, -1
KEY = ("team_id", "stage", "csat", "nps", "pain_points")
REBUILD = (
    "DELETE FROM feedback_tally WHERE team_id = :team",
    "INSERT INTO feedback_tally (team_id, stage, csat, nps, pain_points, answers)"
    " SELECT f.team_id, f.stage, COALESCE(f.csat, 0), COALESCE(f.nps, -1), f.pain_points, COUNT(*)"
    " FROM feedback f JOIN partner p ON p.id = f.partner_id WHERE f.team_id = :team AND p.archived = false"
    " GROUP BY f.team_id, f.stage, COALESCE(f.csat, 0), COALESCE(f.nps, -1), f.pain_points",
)


@dataclass
class StageTally:
    answers: int = 0
    csat: Counter[int] = field(default_factory=Counter)
    nps: Counter[int] = field(default_factory=Counter)
    pain_points: Counter[str] = field(default_factory=Counter)


def count(session: Session, team_id: str, tallies: dict[tuple[str, int, int, str], int]) -> None:
    """Adds each (stage, csat, nps, pain points) → answers difference to the workspace's tallies."""
    rows = [
        {"team_id": team_id, "stage": s, "csat": c, "nps": n, "pain_points": p, "answers": a}
        for (s, c, n, p), a in tallies.items()
        if a
    ]
    if not rows:
        return
    table: Any = FeedbackTally.__table__  # type: ignore[attr-defined]
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(table)
    added = {"answers": table.c.answers + statement.excluded.answers}
    session.execute(statement.on_conflict_do_update(index_elements=list(KEY), set_=added), rows)


def key_of(stage: str, csat: int | None, nps: int | None, pain_points: str) -> tuple[str, int, int, str]:
    return stage, NO_CSAT if csat is None else csat, NO_NPS if nps is None else nps, pain_points


def set_archived(session: Session, partner: Partner, archived: bool) -> None:
    """Takes an archived partner's answers out of the tallies, or puts a restored one's back."""
    query = (
        select(Feedback.stage, Feedback.csat, Feedback.nps, Feedback.pain_points, func.count())
        .where(Feedback.partner_id == partner.id)
        .group_by(Feedback.stage, Feedback.csat, Feedback.nps, Feedback.pain_points)
    )
    sign = -1 if archived else 1
    count(session, partner.team_id, {key_of(*row[:4]): sign * row[4] for row in session.execute(query).all()})


def feedback_tallies(*, session: Session, team_id: str) -> dict[str, StageTally]:
    """Per stage: answers, CSAT and NPS distributions and pain point counts, each summed in SQL (the tallies
    hold a row per distinct answer, thousands in a large workspace; three grouped sums return a few hundred)."""
    tallies: dict[str, StageTally] = defaultdict(StageTally)
    mine = (FeedbackTally.team_id == team_id, FeedbackTally.answers > 0)
    total = func.sum(FeedbackTally.answers)
    stage = FeedbackTally.stage

    def summed(column: Any, *where: Any) -> list[Any]:
        return list(session.execute(select(stage, column, total).where(*mine, *where).group_by(stage, column)).all())

    for stage_key, csat, answers in summed(FeedbackTally.csat):
        tallies[stage_key].answers += int(answers)
        if csat != NO_CSAT:
            tallies[stage_key].csat[csat] += int(answers)
    for stage_key, nps, answers in summed(FeedbackTally.nps):
        if nps != NO_NPS:
            tallies[stage_key].nps[nps] += int(answers)
    for stage_key, pains, answers in summed(FeedbackTally.pain_points, FeedbackTally.pain_points != ""):
        for point in filter(None, (pains or "").split(",")):
            tallies[stage_key].pain_points[point] += int(answers)
    return dict(tallies)


def rebuild(session_or_connection: Any, team_id: str) -> None:
    for statement in REBUILD:
        session_or_connection.execute(text(statement), {"team": team_id})
