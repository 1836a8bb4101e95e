"""Feedback on active partners counted per stage and facet — each CSAT, each NPS and each pain point —
kept with every answer and archive, so the journey map reads a few dozen rows per stage however many
answers there are.

A row counts the answers of one stage that gave one value of one facet: `csat` (0: no CSAT given, so the
`csat` rows of a stage add up to its answers), `nps` (-1: none) and `pain` (one row per pain point named).
A tally of whole answers (stage, CSAT, NPS, pain point list) grew towards every combination — 17,656 rows
at 100,000 partners, read three times per map; the facets stay bounded by the scales and the catalog.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.tables import Feedback, FeedbackTally, Partner

NO_CSAT, NO_NPS = 0, -1
CSAT, NPS, PAIN = "csat", "nps", "pain"
KEY = ("team_id", "stage", "facet", "value")
Answer = tuple[str, int, int, str]
"""An answer's stage, CSAT (NO_CSAT when none), NPS (NO_NPS when none) and comma-joined pain points."""
REBUILD = (
    "DELETE FROM feedback_tally WHERE team_id = :team",
    "INSERT INTO feedback_tally (team_id, stage, facet, value, answers)"
    " SELECT f.team_id, f.stage, 'csat', CAST(COALESCE(f.csat, 0) AS TEXT), COUNT(*)"
    " FROM feedback f JOIN partner p ON p.id = f.partner_id WHERE f.team_id = :team AND p.archived = false"
    " GROUP BY f.team_id, f.stage, COALESCE(f.csat, 0)",
    "INSERT INTO feedback_tally (team_id, stage, facet, value, answers)"
    " SELECT f.team_id, f.stage, 'nps', CAST(COALESCE(f.nps, -1) AS TEXT), COUNT(*)"
    " FROM feedback f JOIN partner p ON p.id = f.partner_id WHERE f.team_id = :team AND p.archived = false"
    " GROUP BY f.team_id, f.stage, COALESCE(f.nps, -1)",
)
PAIN_LISTS = (
    "SELECT f.stage, f.pain_points, COUNT(*) FROM feedback f JOIN partner p ON p.id = f.partner_id"
    " WHERE f.team_id = :team AND p.archived = false AND f.pain_points != '' GROUP BY f.stage, f.pain_points"
)


@dataclass
class StageTally:
    answers: int = 0
    csat: Counter[int] = field(default_factory=Counter)
    nps: Counter[int] = field(default_factory=Counter)
    pain_points: Counter[str] = field(default_factory=Counter)


def facets(answers: dict[Answer, int]) -> Counter[tuple[str, str, str]]:
    """(stage, facet, value) → answers, from whole answers → how many."""
    counted: Counter[tuple[str, str, str]] = Counter()
    for (stage, csat, nps, pains), how_many in answers.items():
        counted[stage, CSAT, str(csat)] += how_many
        counted[stage, NPS, str(nps)] += how_many
        for point in filter(None, pains.split(",")):
            counted[stage, PAIN, point] += how_many
    return counted


def count(session: Session, team_id: str, tallies: dict[Answer, int]) -> None:
    """Adds each (stage, csat, nps, pain points) → answers difference to the workspace's tallies."""
    rows = [
        {"team_id": team_id, "stage": stage, "facet": facet, "value": value, "answers": answers}
        for (stage, facet, value), answers in facets(tallies).items()
        if answers
    ]
    if not rows:
        return
    table: Any = FeedbackTally.__table__  # type: ignore[attr-defined]
    upsert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = upsert(table)
    added = {"answers": table.c.answers + statement.excluded.answers}
    session.execute(statement.on_conflict_do_update(index_elements=list(KEY), set_=added), rows)


def key_of(stage: str, csat: int | None, nps: int | None, pain_points: str) -> Answer:
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
    """Per stage: answers, CSAT and NPS distributions and pain point counts, read from the kept facets."""
    tallies: dict[str, StageTally] = defaultdict(StageTally)
    query = select(FeedbackTally.stage, FeedbackTally.facet, FeedbackTally.value, FeedbackTally.answers)
    for stage, facet, value, answers in session.execute(
        query.where(FeedbackTally.team_id == team_id, FeedbackTally.answers > 0)
    ).all():
        tally = tallies[stage]
        if facet == CSAT:
            tally.answers += answers
            if int(value) != NO_CSAT:
                tally.csat[int(value)] += answers
        elif facet == NPS:
            if int(value) != NO_NPS:
                tally.nps[int(value)] += answers
        else:
            tally.pain_points[value] += answers
    return dict(tallies)


def rebuild(session_or_connection: Any, team_id: str) -> None:
    """The workspace's tallies counted afresh from its answers: CSAT and NPS grouped in SQL, pain points from
    the distinct (stage, pain point list) groups, a few hundred rows whatever the number of answers."""
    for statement in REBUILD:
        session_or_connection.execute(text(statement), {"team": team_id})
    lists = session_or_connection.execute(text(PAIN_LISTS), {"team": team_id}).all()
    pains = facets({(stage, NO_CSAT, NO_NPS, points): answers for stage, points, answers in lists})
    rows = [
        {"team_id": team_id, "stage": stage, "facet": facet, "value": value, "answers": answers}
        for (stage, facet, value), answers in pains.items()
        if facet == PAIN
    ]
    if rows:
        table: Any = FeedbackTally.__table__  # type: ignore[attr-defined]
        session_or_connection.execute(insert(table), rows)
