"""Reads for spreadsheet exports, in pages: partners stage by stage, and each page's figures; history by id.

Names are ordered by code point on both engines (PostgreSQL's "C" collation, SQLite's default), so an export
lists partners in the same order wherever it runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from storage.tables import Feedback, KpiValue, Partner, StageMove

PAGE = 500


def _by_name(session: Session) -> ColumnElement[Any]:
    name_key = col(Partner.name_key)
    return name_key.collate("C") if session.get_bind().dialect.name == "postgresql" else name_key


def partners_in_order(*, session: Session, team_id: str, stage_order: Sequence[str]) -> Iterator[list[Partner]]:
    """Active partners in pages: journey stage by stage, by name within a stage; unknown stages last.

    One query per stage, streamed (`yield_per`: a server-side cursor on PostgreSQL), so the database sorts each
    stage once and only a page of partners is in memory at a time.
    """
    base = select(Partner).where(Partner.team_id == team_id, col(Partner.archived).is_(False))
    by_name = _by_name(session)
    queries = [base.where(Partner.stage == stage).order_by(by_name) for stage in stage_order]
    queries.append(base.where(col(Partner.stage).not_in(stage_order)).order_by(col(Partner.stage), by_name))
    for query in queries:
        for page in session.exec(query.execution_options(yield_per=PAGE)).partitions():
            yield list(page)


def latest_scores_given(
    *, session: Session, team_id: str, partner_ids: Sequence[int]
) -> dict[int, tuple[int | None, int | None]]:
    """Per partner, its latest CSAT and latest NPS (each from the newest answer that has one)."""
    query = (
        select(Feedback.partner_id, Feedback.csat, Feedback.nps)
        .where(Feedback.team_id == team_id, col(Feedback.partner_id).in_(partner_ids))
        .order_by(col(Feedback.recorded_at).desc(), col(Feedback.id).desc())
    )
    found: dict[int, tuple[int | None, int | None]] = {}
    for pid, csat, nps in session.exec(query).all():
        last_csat, last_nps = found.get(pid, (None, None))
        found[pid] = (last_csat if last_csat is not None else csat, last_nps if last_nps is not None else nps)
    return found


def history_pages(*, session: Session, team_id: str, kind: str) -> Iterator[list[tuple[str, Any]]]:
    """(partner name, row) pages of stage moves, feedback or KPI values, oldest first, active partners only."""
    table = {"moves": StageMove, "feedback": Feedback, "kpis": KpiValue}[kind]
    after = 0
    while page := list(
        session.exec(
            select(Partner.name, table)
            .join(Partner, col(Partner.id) == col(table.partner_id))
            .where(table.team_id == team_id, col(Partner.archived).is_(False), col(table.id) > after)
            .order_by(col(table.id))
            .limit(PAGE)
        ).all()
    ):
        yield [(name, row) for name, row in page]
        after = page[-1][1].id


def as_number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value)
