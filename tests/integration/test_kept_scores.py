"""Kept score spans equal the spans computed from the answers, and the ranking read from them equals the ranking
computed from the answers (page, total, movement), on both engines, after random sequences of every write that
moves a score or a ranking filter: answers, scorecard loads, archive and restore, stage moves one by one and in
bulk, renames, owner and type edits, deleted partners, and time passing beyond the ends of spans."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select, text
from sqlmodel import Session, col

from bench.portfolio import build_portfolio, partner_name
from commands.context import Invocation
from commands.installs import purge_team
from commands.verbs import handle
from domain.journey import DEFAULT_JOURNEY
from domain.partner import name_key
from domain.scorecard import DEFAULT_SCORECARD, Scorecard
from storage import ranking, score_spans, scoring, stages
from storage.migrate import downgrade, upgrade
from storage.stage_windows import PartnerFilter
from storage.tables import Partner
from storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
WINDOW = timedelta(days=score_spans.KEPT_WINDOW_DAYS)
WEEK = timedelta(days=7)
KEYS = DEFAULT_SCORECARD.keys
RATERS = ("U0LEAD1", "U0LEAD2", "U0LEAD3")
OWNERS = ("U0OWNER1", "U0OWNER2")
TYPES = ("reseller", "referral")
PARTNERS = 6
REWEIGHTED = tuple(c.model_copy(update={"weight": 1 + i % 4}) for i, c in enumerate(DEFAULT_SCORECARD.criteria))
SCORECARDS = (
    DEFAULT_SCORECARD,
    Scorecard(criteria=REWEIGHTED),
    Scorecard(criteria=DEFAULT_SCORECARD.criteria[: len(KEYS) // 2]),
)

answers = st.fixed_dictionaries({}, optional={key: st.integers(1, 5) for key in KEYS}).filter(bool)
waits = st.one_of(
    st.integers(0, 3 * 86400).map(lambda s: timedelta(seconds=s)),
    st.sampled_from([WINDOW, WEEK, timedelta(days=30), timedelta(days=100), timedelta(microseconds=1)]),
)
steps = st.one_of(
    st.tuples(st.just("answer"), st.integers(0, PARTNERS - 1), st.sampled_from(RATERS), answers, waits),
    st.tuples(st.just("rescore"), st.integers(0, len(SCORECARDS) - 1)),
    st.tuples(st.just("archive"), st.integers(0, PARTNERS - 1), st.booleans()),
    st.tuples(st.just("stage"), st.integers(0, PARTNERS - 1), st.sampled_from(DEFAULT_JOURNEY.keys)),
    st.tuples(st.just("bulk"), st.sampled_from(DEFAULT_JOURNEY.keys), st.sampled_from(DEFAULT_JOURNEY.keys)),
    st.tuples(st.just("profile"), st.integers(0, PARTNERS - 1), st.sampled_from(OWNERS), st.sampled_from(TYPES)),
    st.tuples(st.just("rename"), st.integers(0, PARTNERS - 1), st.sampled_from(("Zeta", "alpha", "Łódź", "Ёж"))),
    st.tuples(st.just("delete"), st.integers(0, PARTNERS - 1)),
    st.tuples(st.just("wait"), waits),
)


def _spans(session: Session, team_id: str, kept: bool) -> list[tuple[Any, ...]]:
    connection = session.connection()
    if kept:
        columns = [score_spans.SPANS.c[name] for name in score_spans.COLUMNS]
        query: Any = select(*columns).where(score_spans.SPANS.c.team_id == team_id)
    else:
        query = score_spans.spans_select(
            connection.dialect.name, team_id, horizon=score_spans.horizon(connection, team_id)
        )
    rows = [tuple(row) for row in connection.execute(query).all()]
    return sorted((*row[:4], round(row[4], 9), float(row[5]), *row[6:]) for row in rows)


def _rows(found: tuple[list[ranking.RankedRow], int]) -> tuple[list[tuple[Any, ...]], int]:
    rows, total = found
    return [(r.partner.id, r.place, round(r.score, 9), r.raters, r.place_then) for r in rows], total


def _assert_kept_equal_computed(session: Session, team_id: str, now: datetime) -> None:
    assert _spans(session, team_id, kept=True) == _spans(session, team_id, kept=False)
    scopes = [
        (PartnerFilter(team_id), None),
        (PartnerFilter(team_id), "attraction"),
        (PartnerFilter(team_id, owner=OWNERS[0], type=TYPES[1]), "discovery"),
    ]
    for at in (now, now + timedelta(days=40)):
        for scope, stage in scopes:
            for offset, limit in ((0, 25), (1, 2)):
                asked = dict(scope=scope, stage=stage, now=at, window_days=score_spans.KEPT_WINDOW_DAYS)
                kept = ranking.ranking_page(session=session, then=at - WEEK, offset=offset, limit=limit, **asked)
                live_page, live_total, live_then = ranking._live_page(
                    session, scope, stage, at, at - WEEK, score_spans.KEPT_WINDOW_DAYS, offset, limit
                )
                live = [
                    (pid, offset + i + 1, round(score, 9), raters, live_then.get(pid))
                    for i, (pid, score, raters) in enumerate(live_page)
                ]
                assert _rows(kept) == (live, live_total), (at, scope, stage, offset)
            everyone = ranking._live_page(session, scope, stage, at, at, score_spans.KEPT_WINDOW_DAYS, 0, 10**6)
            assert ranking.ranked_count(
                session=session, scope=scope, stage=stage, now=at, window_days=score_spans.KEPT_WINDOW_DAYS
            ) == len(everyone[0])


def _partners(session: Session, team_id: str) -> list[Partner]:
    query = select(Partner).where(Partner.team_id == team_id).order_by(col(Partner.id))
    return list(session.scalars(query).all())


def _apply(session: Session, team_id: str, step: tuple[Any, ...], now: datetime) -> datetime:
    partners = _partners(session, team_id)
    kind = step[0]
    if kind == "wait":
        return now + step[1]
    if kind == "rescore":
        scoring.save_scorecard(session=session, team_id=team_id, scorecard=SCORECARDS[step[1]], now=now, user="U0")
    elif kind == "bulk":
        stages.move_everyone(
            session=session, team_id=team_id, from_stage=step[1], to_stage=step[2], now=now, user="U0", note=""
        )
    elif step[1] < len(partners):
        partner = partners[step[1]]
        if kind == "answer":
            now += step[4]
            scoring.add_submission(
                session=session, partner=partner, rater=step[2], scorecard_version=0, answers=step[3],
                comment=None, now=now,
            )
        elif kind == "archive":
            partner.archived = step[2]
        elif kind == "stage":
            partner.stage = step[2]
        elif kind == "profile":
            partner.owner, partner.type = step[2], step[3]
        elif kind == "rename":
            partner.name = f"{step[2]} {partner.id}"
            partner.name_key = name_key(partner.name)
        if kind == "delete":
            session.delete(partner)
        else:
            session.add(partner)
    session.flush()
    return now


def _seed(session: Session, team_id: str, now: datetime) -> None:
    for number in range(PARTNERS):
        name = f"Partner {number % 3}"  # equal scores then order by name, then by more
        session.add(
            Partner(
                team_id=team_id, name=f"{name} {number}", name_key=name_key(f"{name} {number}"),
                stage=DEFAULT_JOURNEY.keys[number % 3], stage_entered_at=now, created_at=now, created_by="U0",
                owner=OWNERS[number % 2], type=TYPES[number % 2],
            )
        )
    session.flush()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(steps, min_size=1, max_size=12))
@example(  # a moved partner has kept quarters (retention): deleting it failed on their key on PostgreSQL
    sequence=[("bulk", "discovery", "discovery"), ("answer", 0, "U0LEAD1", {"market": 1}, timedelta(0)), ("delete", 0)]
)
def test_kept_spans_and_ranking_equal_the_ones_computed_from_the_answers(
    engine: Engine, sequence: list[tuple[Any, ...]]
) -> None:
    team_id = f"T{uuid.uuid4().hex[:10]}"
    now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with UnitOfWork(engine) as uow:
        _seed(uow.session, team_id, now)
        uow.commit()
    for step in sequence:
        with UnitOfWork(engine) as uow:
            now = _apply(uow.session, team_id, step, now)
            uow.commit()
        with UnitOfWork(engine) as uow:
            _assert_kept_equal_computed(uow.session, team_id, now)


def test_equal_scores_ties_and_a_scorecard_that_unscores_everyone(engine: Engine) -> None:
    team_id = "T_TIES"
    now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with UnitOfWork(engine) as uow:
        _seed(uow.session, team_id, now)
        for index, partner in enumerate(_partners(uow.session, team_id)):
            for rater in RATERS[: 1 + index % 3]:
                scoring.add_submission(
                    session=uow.session, partner=partner, rater=rater, scorecard_version=0,
                    answers=dict.fromkeys(KEYS, 4), comment=None, now=now + timedelta(hours=index),
                )
        uow.commit()
    with UnitOfWork(engine) as uow:
        _assert_kept_equal_computed(uow.session, team_id, now + timedelta(days=1))
        rows, total = ranking.ranking_page(
            session=uow.session, scope=PartnerFilter(team_id), stage=None, now=now + timedelta(days=1),
            then=now - WEEK, window_days=90, offset=0, limit=25,
        )
        assert total == PARTNERS and [r.partner.name_key for r in rows] == sorted(r.partner.name_key for r in rows)
        assert all(r.place_then is None for r in rows)
        only = Scorecard(
            criteria=tuple(
                c.model_copy(update={"key": f"brand_new_{i}", "title": f"New {i}"})
                for i, c in enumerate(DEFAULT_SCORECARD.criteria[:3])
            )
        )
        scoring.save_scorecard(session=uow.session, team_id=team_id, scorecard=only, now=now, user="U0")
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert _spans(uow.session, team_id, kept=True) == []
        _assert_kept_equal_computed(uow.session, team_id, now + timedelta(days=1))


def test_a_ranking_before_the_kept_history_is_computed_from_the_answers(engine: Engine) -> None:
    team_id = "T_OLD"
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with UnitOfWork(engine) as uow:
        _seed(uow.session, team_id, start)
        first, second = _partners(uow.session, team_id)[:2]
        for partner, at in ((first, start), (second, start + timedelta(days=30))):
            scoring.add_submission(
                session=uow.session, partner=partner, rater=RATERS[0], scorecard_version=0,
                answers=dict.fromkeys(KEYS, 3 if partner is first else 5), comment=None, now=at,
            )
        uow.commit()
    with UnitOfWork(engine) as uow:  # a week after the first answer: before the horizon, so live
        connection = uow.session.connection()
        assert not score_spans.covers(connection, team_id, start)
        _assert_kept_equal_computed(uow.session, team_id, start + WEEK)
        rows, total = ranking.ranking_page(
            session=uow.session, scope=PartnerFilter(team_id), stage=None, now=start + WEEK, then=start,
            window_days=90, offset=0, limit=25,
        )
        assert (total, [r.partner.id for r in rows], rows[0].place_then) == (1, [first.id], 1)


@pytest.fixture
def portfolio(engine: Engine) -> Engine:
    build_portfolio(engine, team_id="T1", partners=300, now=NOW)
    build_portfolio(engine, team_id="T2", partners=40, now=NOW)
    return engine


def test_commands_purge_and_the_migration_keep_the_spans(portfolio: Engine, invocation_for: MakeInvocation) -> None:
    with UnitOfWork(portfolio) as uow:
        _assert_kept_equal_computed(uow.session, "T1", NOW)
    steps = [
        f'archive "{partner_name(3)}"',
        f'restore "{partner_name(3)}"',
        f'advance "{partner_name(4)}"',
        f'rename "{partner_name(5)}" "Aaa First"',
        "stages remove attraction move-to=support",
    ]
    for minutes, line in enumerate(steps, start=1):
        handle(line, invocation_for(user_id="U0OWNER01", now=NOW + timedelta(minutes=minutes)))
        with UnitOfWork(portfolio) as uow:
            _assert_kept_equal_computed(uow.session, "T1", NOW + timedelta(minutes=minutes))
    purge_team(lambda: UnitOfWork(portfolio), "T2")
    with portfolio.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM score_span WHERE team_id = 'T2'")).scalar_one() == 0
    later = invocation_for(user_id="U0OWNER01", now=NOW + timedelta(hours=1))
    before = handle("rank", later).body
    downgrade(portfolio, "0017")
    upgrade(portfolio)
    with UnitOfWork(portfolio) as uow:
        _assert_kept_equal_computed(uow.session, "T1", NOW + timedelta(hours=1))
        assert len(_spans(uow.session, "T1", kept=True)) > 10
    assert handle("rank", later).body == before


def test_answers_scorecard_loads_and_moves_at_the_same_moment_leave_the_spans_right(engine: Engine) -> None:
    """Threads released together: answers on one partner, a scorecard load and a stage move, round after round.
    Without the workspace's turn-taking on PostgreSQL two rebuilds each miss the other's answer (or a move
    lands on spans about to be replaced) and the kept spans differ from the answers'."""
    team_id = "T_RACE"
    start = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
    with UnitOfWork(engine) as uow:
        _seed(uow.session, team_id, start)
        uow.commit()

    def write(index: int, round_number: int) -> None:
        now = start + timedelta(hours=round_number, seconds=index)
        with UnitOfWork(engine) as uow:
            partner = _partners(uow.session, team_id)[0]
            if index < len(RATERS):
                answers = dict.fromkeys(KEYS, 1 + (index + round_number) % 5)
                scoring.add_submission(
                    session=uow.session, partner=partner, rater=RATERS[index], scorecard_version=0,
                    answers=answers, comment=None, now=now,
                )
            elif index == len(RATERS):
                card = SCORECARDS[round_number % 2]
                scoring.save_scorecard(session=uow.session, team_id=team_id, scorecard=card, now=now, user="U0")
            else:
                partner.stage = DEFAULT_JOURNEY.keys[round_number % 5]
                uow.session.add(partner)
            uow.commit()

    for round_number in range(6):
        barrier = threading.Barrier(len(RATERS) + 2)
        failures: list[BaseException] = []

        def worker(
            index: int, round_number: int = round_number, barrier: threading.Barrier = barrier,
            failures: list[BaseException] = failures,
        ) -> None:
            barrier.wait(timeout=30)
            try:
                write(index, round_number)
            except BaseException as error:  # surfaced below, in the test's own thread
                failures.append(error)

        threads = [threading.Thread(target=worker, args=(index,)) for index in range(len(RATERS) + 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not failures
        with UnitOfWork(engine) as uow:
            assert _spans(uow.session, team_id, kept=True) == _spans(uow.session, team_id, kept=False)


def test_deleting_the_partner_with_the_newest_answer_never_brings_pruned_spans_back(engine: Engine) -> None:
    team_id = "T_GONE"
    start = datetime(2026, 1, 7, 9, 0, tzinfo=UTC)
    with UnitOfWork(engine) as uow:
        _seed(uow.session, team_id, start)
        first, newest = _partners(uow.session, team_id)[:2]
        for partner, at in ((first, start), (newest, start + timedelta(days=100))):
            scoring.add_submission(
                session=uow.session, partner=partner, rater=RATERS[0], scorecard_version=0,
                answers=dict.fromkeys(KEYS, 4), comment=None, now=at,
            )
        uow.session.delete(newest)
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert not score_spans.covers(uow.session.connection(), team_id, start + timedelta(days=3))
        _assert_kept_equal_computed(uow.session, team_id, start + timedelta(days=3))
