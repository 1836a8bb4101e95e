"""The journey map's feedback tally, kept per stage and facet, equals the tally counted from every answer on
both engines: after the seeded portfolio, after any sequence of answers, archives, restores, journey redesigns
and a purge of another workspace, and after the migration that fills it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from bench.portfolio import OWNERS, build_portfolio, partner_name
from commands.context import Invocation
from commands.installs import purge_team
from commands.verbs import handle
from storage.feedback_tallies import NO_CSAT, NO_NPS, StageTally, feedback_tallies
from storage.migrate import downgrade, upgrade
from storage.tables import Feedback, Partner
from storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
PARTNERS = 30
PAINS = ("", "tooling", "payouts", "tooling,payouts", "onboarding,communication,documentation")


def _counted(session: Session, team_id: str) -> dict[str, StageTally]:
    """Every answer on the workspace's active partners, tallied in Python."""
    answers = session.exec(
        select(Feedback)
        .join(Partner, col(Partner.id) == col(Feedback.partner_id))
        .where(Feedback.team_id == team_id, col(Partner.archived).is_(False))
    ).all()
    tallies: dict[str, StageTally] = {}
    for answer in answers:
        tally = tallies.setdefault(answer.stage, StageTally())
        tally.answers += 1
        tally.csat[answer.csat if answer.csat is not None else NO_CSAT] += 1
        tally.nps[answer.nps if answer.nps is not None else NO_NPS] += 1
        tally.pain_points.update(answer.pain_point_list)
    for tally in tallies.values():
        del tally.csat[NO_CSAT], tally.nps[NO_NPS]
    return tallies


def _assert_kept(engine: Engine, team_id: str = "T1") -> None:
    with Session(engine) as session:
        kept, counted = feedback_tallies(session=session, team_id=team_id), _counted(session, team_id)
    drop_zeros = [(stage, t.answers, +t.csat, +t.nps, +t.pain_points) for stage, t in sorted(kept.items()) if t.answers]
    assert drop_zeros == [(stage, t.answers, t.csat, t.nps, t.pain_points) for stage, t in sorted(counted.items())]


def _feedback_line(partner: int, csat: int | None, nps: int | None, pains: str) -> str:
    scores = (f" csat={csat}" if csat else "") + (f" nps={nps}" if nps is not None else "")
    return f'feedback "{partner_name(partner)}"{scores}' + (f" pain={pains}" if pains else "") + ' "said so"'


STEP = st.one_of(
    st.builds(
        _feedback_line,
        st.integers(0, PARTNERS - 1),
        st.one_of(st.none(), st.integers(1, 5)),
        st.one_of(st.none(), st.integers(0, 10)),
        st.sampled_from(PAINS),
    ),
    st.builds(lambda n: f'archive "{partner_name(n)}"', st.integers(0, PARTNERS - 1)),
    st.builds(lambda n: f'restore "{partner_name(n)}"', st.integers(0, PARTNERS - 1)),
    st.builds(lambda n, stage: f'advance "{partner_name(n)}" {stage}', st.integers(0, PARTNERS - 1),
              st.sampled_from(("discovery", "support", "goal"))),
    st.sampled_from(("stages add Pilot after onboarding", "stages remove pilot move-to=support")),
)


def test_any_sequence_of_writes_keeps_the_feedback_tally(engine: Engine, invocation_for: MakeInvocation) -> None:
    build_portfolio(engine, team_id="T1", partners=PARTNERS, now=NOW)
    build_portfolio(engine, team_id="T2", partners=10, now=NOW)
    _assert_kept(engine)
    clock = Counter[str]()

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(STEP, min_size=1, max_size=8))
    def writes(lines: list[str]) -> None:
        for line in lines:
            clock["minutes"] += 1
            handle(line, invocation_for(user_id=OWNERS[0], now=NOW + timedelta(minutes=clock["minutes"])))
        _assert_kept(engine)

    writes()
    with Session(engine) as session:
        before = feedback_tallies(session=session, team_id="T1")
    purge_team(lambda: UnitOfWork(engine), "T2")
    _assert_kept(engine)
    _assert_kept(engine, "T2")
    with Session(engine) as session:
        assert feedback_tallies(session=session, team_id="T1") == before


def test_the_migration_fills_the_facets_and_its_downgrade_the_whole_answers(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    build_portfolio(engine, team_id="T1", partners=60, now=NOW)
    handle(f'archive "{partner_name(3)}"', invocation_for(user_id=OWNERS[0]))
    handle(_feedback_line(4, 2, 9, "tooling,payouts"), invocation_for(user_id=OWNERS[0]))
    downgrade(engine, "0017")
    with engine.connect() as connection:
        whole = connection.execute(text("SELECT SUM(answers) FROM feedback_tally WHERE team_id = 'T1'")).scalar_one()
        answers = connection.execute(
            text("SELECT COUNT(*) FROM feedback f JOIN partner p ON p.id = f.partner_id WHERE p.archived = false")
        ).scalar_one()
    assert whole == answers > 0
    upgrade(engine)
    _assert_kept(engine)
