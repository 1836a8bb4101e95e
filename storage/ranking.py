"""The ranking by score, a page at a time, with each partner's place a week ago.

Read from the kept score spans (storage/score_spans.py): the page now is an index range with LIMIT, the total a
count on the same index, and the places a week ago one count per partner on the page. When the spans do not
reach the moments asked about (another window, or a moment before the kept history), the ranking is computed
from the answers: each rater's latest rater score in the window, averaged per partner, placed with a window
function now and a week ago."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Float, cast, func, literal, select
from sqlmodel import Session, col

from storage import score_spans, stage_tallies
from storage.score_spans import SPANS, rounded
from storage.scoring_tables import ScoreSubmission
from storage.stage_windows import PartnerFilter, active_in_scope
from storage.tables import Partner
from storage.types import UTCDateTime

MINE = SPANS.alias("asked")


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
    query = (
        select(
            Partner.id.label("partner_id"),  # type: ignore[union-attr]
            scores.c.score,
            scores.c.raters,
            func.row_number().over(order_by=(rounded(scores.c.score).desc(), col(Partner.name_key))).label("place"),
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
    """Places [offset, offset + limit) of the ranking, each with its place at `then`, and how many are ranked."""
    if _kept(session, scope, window_days, min(now, then)):
        page, total = _kept_page(session, scope, stage, now, offset, limit)
        places_then = _kept_places(session, scope, stage, then, [row[0] for row in page])
    else:
        page, total, places_then = _live_page(session, scope, stage, now, then, window_days, offset, limit)
    if not page:
        return [], 0
    ids = [row[0] for row in page]
    partners = {p.id: p for p in session.scalars(select(Partner).where(col(Partner.id).in_(ids))).all()}
    rows = [
        RankedRow(partners[pid], offset + index + 1, float(score), int(raters), _int_or_none(places_then.get(pid)))
        for index, (pid, score, raters) in enumerate(page)
    ]
    return rows, total


def _kept(session: Session, scope: PartnerFilter, window_days: int, earliest: datetime) -> bool:
    return window_days == score_spans.KEPT_WINDOW_DAYS and score_spans.covers(
        session.connection(), scope.team_id, earliest
    )


def _kept_scope(scope: PartnerFilter, stage: str | None, at: datetime, spans: Any = SPANS) -> list[Any]:
    """Spans of active partners in scope holding their score at `at` (all read from the ranking indexes)."""
    moment = literal(at, UTCDateTime())
    conditions = [
        spans.c.team_id == scope.team_id,
        spans.c.archived.is_(False),
        spans.c.valid_from <= moment,
        spans.c.valid_until > moment,
    ]
    for column, value in (("stage", stage), ("owner", scope.owner), ("type", scope.type)):
        if value is not None:
            conditions.append(spans.c[column] == value)
    return conditions


def _kept_page(
    session: Session, scope: PartnerFilter, stage: str | None, now: datetime, offset: int, limit: int
) -> tuple[list[tuple[int, float, int]], int]:
    where = _kept_scope(scope, stage, now)
    query = (
        select(SPANS.c.partner_id, SPANS.c.score, SPANS.c.raters)
        .where(*where)
        .order_by(SPANS.c.rank_key, SPANS.c.name_key)
        .offset(offset)
        .limit(limit)
    )
    page = [(int(pid), float(score), int(raters)) for pid, score, raters in session.execute(query).all()]
    if not page:
        return [], 0
    total = session.execute(select(func.count()).select_from(SPANS).where(*where)).scalar_one()
    return page, int(total)


def _kept_places(
    session: Session, scope: PartnerFilter, stage: str | None, then: datetime, ids: list[int]
) -> dict[int, int]:
    """The places at `then` of the partners `ids` (those ranked then), in one statement: the ranking at `then`
    numbered down to the lowest of them only, one pass over the index however many are asked about."""
    if not ids:
        return {}
    mine = select(MINE.c.partner_id, MINE.c.rank_key).where(*_kept_scope(scope, stage, then, MINE))
    mine = mine.where(MINE.c.partner_id.in_(ids)).cte("mine")
    lowest = select(func.max(mine.c.rank_key)).scalar_subquery()
    placed = (
        select(
            SPANS.c.partner_id,
            func.row_number().over(order_by=(SPANS.c.rank_key, SPANS.c.name_key)).label("place"),
        )
        .where(*_kept_scope(scope, stage, then), SPANS.c.rank_key <= lowest)
        .subquery("placed")
    )
    query = select(placed.c.partner_id, placed.c.place).where(placed.c.partner_id.in_(select(mine.c.partner_id)))
    return {int(pid): int(place) for pid, place in session.execute(query).all()}


def _live_page(
    session: Session,
    scope: PartnerFilter,
    stage: str | None,
    now: datetime,
    then: datetime,
    window_days: int,
    offset: int,
    limit: int,
) -> tuple[list[tuple[int, float, int]], int, dict[int, int]]:
    """The page, the total and the places at `then` computed from the answers: two bounded statements."""
    current = _placed(scope, stage, _scores(scope.team_id, now, window_days)).subquery()
    page = session.execute(
        select(current.c.partner_id, current.c.score, current.c.raters, func.count().over())
        .order_by(current.c.place)
        .offset(offset)
        .limit(limit)
    ).all()
    if not page:
        return [], 0, {}
    ids = [row[0] for row in page]
    before = _placed(scope, stage, _scores(scope.team_id, then, window_days)).subquery()
    places_then = dict(
        session.execute(select(before.c.partner_id, before.c.place).where(before.c.partner_id.in_(ids))).all()
    )
    rows = [(int(pid), float(score), int(raters)) for pid, score, raters, _ in page]
    return rows, int(page[0][3]), {int(pid): int(place) for pid, place in places_then.items()}


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def ranked_count(*, session: Session, scope: PartnerFilter, stage: str | None, now: datetime, window_days: int) -> int:
    if _kept(session, scope, window_days, now):
        query = select(func.count()).select_from(SPANS).where(*_kept_scope(scope, stage, now))
        return int(session.execute(query).scalar_one())
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
