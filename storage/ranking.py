"""The ranking by score as one SQL statement: each rater's latest rater score in the window, averaged per
partner, placed with a window function now and a week ago, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Float, Numeric, cast, func, select
from sqlmodel import Session, col

from storage import stage_tallies
from storage.scoring_tables import ScoreSubmission
from storage.stage_windows import PartnerFilter, active_in_scope
from storage.tables import Partner


@dataclass(frozen=True)
class RankedRow:
    partner: Partner
    place: int
    score: float
    raters: int
    place_then: int | None


def _scores(team_id: str, at: datetime, window_days: int) -> Any:
    """Per partner: the mean of each rater's newest scored answer in (at − window, at], and how many raters."""
    latest = (
        select(
            ScoreSubmission.partner_id,
            ScoreSubmission.rater_score,
            func.row_number()
            .over(
                partition_by=(ScoreSubmission.partner_id, ScoreSubmission.rater),
                order_by=(col(ScoreSubmission.submitted_at).desc(), col(ScoreSubmission.id)),
            )
            .label("newest"),
        )
        .where(
            ScoreSubmission.team_id == team_id,
            ScoreSubmission.submitted_at > at - timedelta(days=window_days),
            ScoreSubmission.submitted_at <= at,
        )
        .subquery()
    )
    return (
        select(
            latest.c.partner_id,
            cast(func.avg(latest.c.rater_score), Float).label("score"),
            func.count().label("raters"),
        )
        .where(latest.c.newest == 1, latest.c.rater_score.is_not(None))
        .group_by(latest.c.partner_id)
        .subquery()
    )


def _placed(scope: PartnerFilter, stage: str | None, scores: Any) -> Any:
    """The select of (partner_id, score, raters, place) over the partners in scope."""
    rounded = func.round(cast(scores.c.score, Numeric(20, 10)), 6)
    query = (
        select(
            Partner.id.label("partner_id"),  # type: ignore[union-attr]
            scores.c.score,
            scores.c.raters,
            func.row_number().over(order_by=(rounded.desc(), col(Partner.name_key))).label("place"),
        )
        .join(scores, scores.c.partner_id == Partner.id)
    )
    query = active_in_scope(query, scope)
    return query if stage is None else query.where(Partner.stage == stage)


def ranking_page(
    *,
    session: Session,
    scope: PartnerFilter,
    stage: str | None,
    now: datetime,
    then: datetime,
    window_days: int,
    offset: int,
    limit: int,
) -> tuple[list[RankedRow], int]:
    """Places [offset, offset + limit) of the ranking, each with its place at `then`, and how many are ranked.

    Two bounded statements: the page of the ranking now, then the places at `then` of those partners only.
    """
    current = _placed(scope, stage, _scores(scope.team_id, now, window_days)).subquery()
    page = session.execute(
        select(current.c.partner_id, current.c.place, current.c.score, current.c.raters, func.count().over())
        .order_by(current.c.place)
        .offset(offset)
        .limit(limit)
    ).all()
    ids = [row[0] for row in page]
    if not ids:
        return [], 0
    before = _placed(scope, stage, _scores(scope.team_id, then, window_days)).subquery()
    places_then = dict(
        session.execute(select(before.c.partner_id, before.c.place).where(before.c.partner_id.in_(ids))).all()
    )
    partners = {p.id: p for p in session.scalars(select(Partner).where(col(Partner.id).in_(ids))).all()}
    rows = [
        RankedRow(partners[pid], int(place), float(score), int(raters), _int_or_none(places_then.get(pid)))
        for pid, place, score, raters, _ in page
    ]
    return rows, int(page[0][4])


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def ranked_count(*, session: Session, scope: PartnerFilter, stage: str | None, now: datetime, window_days: int) -> int:
    placed = _placed(scope, stage, _scores(scope.team_id, now, window_days)).subquery()
    return int(session.execute(select(func.count()).select_from(placed)).scalar_one())


def count_active(*, session: Session, scope: PartnerFilter, stage: str | None) -> int:
    """Active partners in scope: the kept stage tally for the whole workspace, a count on the index otherwise."""
    if scope.owner is None and scope.type is None:
        kept = stage_tallies.kept(session=session, team_id=scope.team_id)
        return kept[stage] if stage is not None else sum(kept.values())
    query = active_in_scope(select(func.count()).select_from(Partner), scope)
    if stage is not None:
        query = query.where(Partner.stage == stage)
    return int(session.execute(query).scalar_one())
