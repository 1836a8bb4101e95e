"""Each partner's score as a function of time, kept in `score_span` so the ranking at a moment (now, or a week
ago for movement) is an index range with LIMIT instead of two window statements over the answers.

A score at `t` is the mean of each rater's newest answer in (t − 90 days, t]. It changes only at an answer's
arrival or at the moment an answer leaves the window, so the whole function follows from the answers: one span
per interval between consecutive such events, including the spans still ahead (the future is fixed until the
next answer). Rebuilt from the answers in SQL in the transaction of every write that moves it: a partner's
spans with each answer (`storage.scoring.add_submission`), a workspace's with each scorecard load (rescoring),
all of them by the migration. Spans that ended more than `RETAINED` before the workspace's newest answer are
pruned (the moment kept per workspace in `score_span_horizon`); a ranking asked about an earlier moment is
computed from the answers instead (`covers`). The partner's
name, archive flag, stage, owner and type are copied onto its spans by a trigger on `partner`, so every path
that changes them (the ORM, bulk journey updates, archive) keeps the copies right.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Float,
    Numeric,
    Table,
    and_,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal,
    literal_column,
    select,
    text,
    union,
    update,
)

from domain.scoring import DEFAULT_WINDOW_DAYS
from storage.scoring_tables import ScoreSpan, ScoreSpanHorizon, ScoreSubmission
from storage.tables import Partner
from storage.types import UTCDateTime

KEPT_WINDOW_DAYS = DEFAULT_WINDOW_DAYS
RETAINED = timedelta(days=8)
"""History kept behind the newest answer: the week of movement and a day to spare."""

SPANS: Table = ScoreSpan.__table__  # type: ignore[attr-defined]
HORIZONS: Table = ScoreSpanHorizon.__table__  # type: ignore[attr-defined]
ANSWERS: Table = ScoreSubmission.__table__  # type: ignore[attr-defined]
PARTNERS: Table = Partner.__table__  # type: ignore[attr-defined]
LOCK_CLASS = 5318
"""The first key of the workspace's transaction-level advisory lock on PostgreSQL (the second: its team id)."""
COPIED = ("name_key", "archived", "stage", "owner", "type")
COLUMNS = ("team_id", "partner_id", "valid_from", "valid_until", "score", "rank_key", "raters", *COPIED)


def rounded(score: Any) -> Any:
    """The score as the ranking orders it (6 places), the same expression for kept and live rankings."""
    return func.round(cast(score, Numeric(20, 10)), 6)


def _later(moment: Any, days: int, dialect: str) -> Any:
    """`moment` + `days` exactly. SQLite keeps instants as 'YYYY-MM-DD HH:MM:SS.ffffff' text: the date moves,
    the time of day (UTC, no daylight saving) and its microseconds stay."""
    if dialect == "sqlite":
        return func.date(moment, f"+{days} days").op("||")(func.substr(moment, 11))
    return moment + literal_column(f"INTERVAL '{days * 24} hours'")


def spans_select(dialect: str, team_id: str, partner_id: int | None = None, horizon: datetime | None = None) -> Any:
    """(COLUMNS) of the team's (or one partner's) spans computed from its answers; those ended by `horizon` left
    out. Events are each answer's arrival and departure; the score at each event is the live ranking's
    statement evaluated at that moment for that partner alone."""
    mine = [ANSWERS.c.team_id == team_id]
    if partner_id is not None:
        mine.append(ANSWERS.c.partner_id == partner_id)
    arrivals = select(ANSWERS.c.partner_id, ANSWERS.c.submitted_at.label("at")).where(*mine)
    departures = select(
        ANSWERS.c.partner_id, _later(ANSWERS.c.submitted_at, KEPT_WINDOW_DAYS, dialect).label("at")
    ).where(*mine)
    events = union(arrivals, departures).cte("events")
    answer = ANSWERS.alias("answer")
    latest = (
        select(
            events.c.partner_id,
            events.c.at,
            answer.c.rater_score,
            func.row_number()
            .over(
                partition_by=(events.c.partner_id, events.c.at, answer.c.rater),
                order_by=(answer.c.submitted_at.desc(), answer.c.id),
            )
            .label("newest"),
        )
        .join_from(
            events,
            answer,
            and_(
                answer.c.team_id == team_id,
                answer.c.partner_id == events.c.partner_id,
                answer.c.submitted_at <= events.c.at,
                _later(answer.c.submitted_at, KEPT_WINDOW_DAYS, dialect) > events.c.at,
            ),
        )
        .subquery("latest")
    )
    scored = (
        select(
            latest.c.partner_id,
            latest.c.at,
            cast(func.avg(latest.c.rater_score), Float).label("score"),
            func.count().label("raters"),
        )
        .where(latest.c.newest == 1, latest.c.rater_score.is_not(None))
        .group_by(latest.c.partner_id, latest.c.at)
        .subquery("scored")
    )
    spans = (
        select(
            events.c.partner_id,
            events.c.at.label("valid_from"),
            func.lead(events.c.at, type_=UTCDateTime())
            .over(partition_by=events.c.partner_id, order_by=events.c.at)
            .label("valid_until"),
            scored.c.score,
            scored.c.raters,
        )
        .outerjoin(scored, and_(scored.c.partner_id == events.c.partner_id, scored.c.at == events.c.at))
        .subquery("spans")
    )
    query = (
        select(
            literal(team_id).label("team_id"),
            spans.c.partner_id,
            spans.c.valid_from,
            spans.c.valid_until,
            spans.c.score,
            (-rounded(spans.c.score)).label("rank_key"),
            spans.c.raters,
            *(PARTNERS.c[name] for name in COPIED),
        )
        .join_from(spans, PARTNERS, PARTNERS.c.id == spans.c.partner_id)
        .where(spans.c.score.is_not(None))
    )
    if horizon is not None:
        bound = bindparam("horizon", horizon, type_=UTCDateTime())
        query = query.where(spans.c.valid_until > bound)
    return query


def newest_answer(connection: Connection, team_id: str) -> datetime | None:
    query = select(func.max(ANSWERS.c.submitted_at)).where(ANSWERS.c.team_id == team_id)
    value = connection.execute(query).scalar_one()
    return None if value is None else UTCDateTime().process_result_value(value, connection.dialect)


def horizon(connection: Connection, team_id: str) -> datetime | None:
    """Spans that ended by this moment were pruned (None: none ever were)."""
    query = select(HORIZONS.c.pruned_before).where(HORIZONS.c.team_id == team_id)
    value = connection.execute(query).scalar_one_or_none()
    return None if value is None else UTCDateTime().process_result_value(value, connection.dialect)


def _advance_horizon(connection: Connection, team_id: str) -> datetime | None:
    """Moves the workspace's horizon up to `RETAINED` before its newest answer, never back: deleting the
    partner that held the newest answer must not make pruned spans look kept."""
    pruned, newest = horizon(connection, team_id), newest_answer(connection, team_id)
    if newest is None or (pruned is not None and newest - RETAINED <= pruned):
        return pruned
    moment = bindparam("moment", newest - RETAINED, type_=UTCDateTime())
    if pruned is None:
        connection.execute(insert(HORIZONS).values(team_id=team_id, pruned_before=moment))
    else:
        connection.execute(update(HORIZONS).where(HORIZONS.c.team_id == team_id).values(pruned_before=moment))
    return newest - RETAINED


def covers(connection: Connection, team_id: str, moment: datetime) -> bool:
    """Whether the kept spans give the score of every partner at `moment`."""
    pruned = horizon(connection, team_id)
    return pruned is None or moment >= pruned


def rebuild(connection: Connection, team_id: str, partner_id: int | None = None) -> None:
    """Recomputes the spans of one partner (after its answer) or of a whole workspace (after rescoring) from
    the answers, and prunes the workspace's spans that ended by the horizon.

    On PostgreSQL rebuilds of one workspace take turns (an exclusive transaction lock; the partner trigger
    takes it shared): under READ COMMITTED a rebuild waiting for another then reads its answers and spans, and
    a partner change committed meanwhile is copied onto the spans a rebuild inserted, never onto stale ones.
    SQLite has one writer at a time."""
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"SELECT pg_advisory_xact_lock({LOCK_CLASS}, hashtext(:team))"), {"team": team_id})
    pruned = _advance_horizon(connection, team_id)
    mine = SPANS.c.team_id == team_id
    if partner_id is not None:
        mine = and_(mine, SPANS.c.partner_id == partner_id)
    connection.execute(delete(SPANS).where(mine))
    fresh = spans_select(connection.dialect.name, team_id, partner_id, pruned)
    connection.execute(insert(SPANS).from_select(list(COLUMNS), fresh))
    if partner_id is not None and pruned is not None:
        ended = bindparam("ended", pruned, type_=UTCDateTime())
        connection.execute(delete(SPANS).where(SPANS.c.team_id == team_id, SPANS.c.valid_until <= ended))


def backfill(connection: Connection) -> None:
    """Every workspace's spans from its answers (the migration): one set-based statement per workspace."""
    teams = connection.execute(select(ANSWERS.c.team_id).distinct()).scalars().all()
    for team_id in teams:
        rebuild(connection, team_id)


_SQLITE = (
    """CREATE TRIGGER score_span_partner_update AFTER UPDATE OF name_key, archived, stage, owner, type ON partner
    WHEN OLD.name_key IS NOT NEW.name_key OR OLD.archived IS NOT NEW.archived OR OLD.stage IS NOT NEW.stage
        OR OLD.owner IS NOT NEW.owner OR OLD.type IS NOT NEW.type BEGIN
        UPDATE score_span SET name_key = NEW.name_key, archived = NEW.archived, stage = NEW.stage,
            owner = NEW.owner, type = NEW.type
        WHERE partner_id = NEW.id;
    END""",
)
_POSTGRESQL = (
    f"""CREATE FUNCTION score_span_partner_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        PERFORM pg_advisory_xact_lock_shared({LOCK_CLASS}, hashtext(NEW.team_id));
        UPDATE score_span SET name_key = NEW.name_key, archived = NEW.archived, stage = NEW.stage,
            owner = NEW.owner, type = NEW.type
        WHERE partner_id = NEW.id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER score_span_partner_update AFTER UPDATE OF name_key, archived, stage, owner, type ON partner
    FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key OR OLD.archived IS DISTINCT FROM NEW.archived
        OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.owner IS DISTINCT FROM NEW.owner
        OR OLD.type IS DISTINCT FROM NEW.type)
    EXECUTE FUNCTION score_span_partner_updated()""",
)


def install(connection: Connection) -> None:
    """The trigger that copies partner fields onto its spans, and every workspace's spans (the migration)."""
    for statement in _POSTGRESQL if connection.dialect.name == "postgresql" else _SQLITE:
        connection.execute(text(statement))
    backfill(connection)


def uninstall(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP TRIGGER IF EXISTS score_span_partner_update ON partner"))
        connection.execute(text("DROP FUNCTION IF EXISTS score_span_partner_updated"))
    else:
        connection.execute(text("DROP TRIGGER IF EXISTS score_span_partner_update"))
