"""The paged SQL queries give what the old whole-portfolio Python computation gave, on both engines,
over the seeded portfolio the scale bench builds (here at 300 partners)."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from bench.portfolio import OWNERS, build_portfolio, partner_name
from commands.context import Invocation
from commands.journey_map import journey_map
from commands.kpis import program_figures, standard_periods
from commands.paging import Filters
from commands.registry.cards import days_in_stage
from commands.registry.listing import ListCommand, list_partners
from commands.replies import PartnerListing, Ranking, StalledList
from commands.scoring.ranking import ranking_rows
from commands.verbs import handle
from domain import feedback as rules
from domain.journey import is_stalled
from domain.ranking import rank
from domain.scoring import DEFAULT_WINDOW_DAYS
from storage import kpis as kpi_values
from storage import scoring
from storage.feedback import team_feedback
from storage.migrate import downgrade, upgrade
from storage.registry import active_partners
from storage.stage_windows import PartnerFilter
from storage.stalled import stalled_page
from storage.suggestions import suggestion_candidates
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
SIZE = 300


@pytest.fixture
def portfolio(engine: Engine, invocation_for: MakeInvocation) -> Invocation:
    build_portfolio(engine, team_id="T1", partners=SIZE, now=NOW)
    return invocation_for(user_id=OWNERS[1])


def test_the_generator_writes_the_portfolio_it_promises(engine: Engine, portfolio: Invocation) -> None:
    with engine.connect() as connection:
        counts = {
            table: connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
            for table in ("partner", "stage_move", "feedback", "kpi_value", "score_submission")
        }
        oldest = connection.execute(text("SELECT MIN(moved_at) FROM stage_move")).scalar_one()
    assert counts == {
        "partner": SIZE,
        "stage_move": 10 * SIZE,
        "feedback": 2 * SIZE,
        "kpi_value": 10 * SIZE,
        "score_submission": SIZE // 2,
    }
    assert str(oldest) >= str((NOW - timedelta(days=731)).date())
    assert handle(f'show "{partner_name(3)}"', portfolio).body is not None
    added = handle('add "Brand New Partner"', portfolio).body  # ids continue after the generated ones
    assert getattr(added, "headline", None) == "Added Brand New Partner"


def _all_pages(run: Callable[[int], tuple[list[str], int]]) -> list[str]:
    names, page = [], 1
    while True:
        found, pages = run(page)
        names += found
        if page >= pages:
            return names
        page += 1


def test_list_pages_follow_the_old_order_stage_by_stage(portfolio: Invocation) -> None:
    with portfolio.unit_of_work() as uow:
        everyone = active_partners(session=uow.session, team_id="T1")
    expected = []
    for stage in portfolio.journey.stages:
        rows = [(p.name, days_in_stage(p, portfolio)) for p in everyone if p.stage == stage.key]
        expected += sorted(rows, key=lambda row: (-row[1], row[0].casefold()))

    def page(number: int) -> tuple[list[str], int]:
        body = list_partners(ListCommand(Filters(page=number)), portfolio).body
        assert isinstance(body, PartnerListing) and body.page is not None
        return [f"{row.name}|{row.days_in_stage}" for g in body.groups for row in g.rows], body.page.pages

    assert _all_pages(page) == [f"{name}|{days}" for name, days in expected]


def test_stalled_pages_follow_the_old_order_most_overdue_first(portfolio: Invocation) -> None:
    with portfolio.unit_of_work() as uow:
        everyone = active_partners(session=uow.session, team_id="T1")
        expected = []
        for partner in everyone:
            stage, days = portfolio.journey.get(partner.stage), days_in_stage(partner, portfolio)
            if is_stalled(stage, days):
                assert stage.stall_threshold_days is not None
                expected.append((-(days - stage.stall_threshold_days), partner.name.casefold(), partner.name))
        expected.sort()
        found = stalled_page(
            session=uow.session,
            scope=PartnerFilter("T1"),
            journey=portfolio.journey,
            now=portfolio.now,
            zone=portfolio.timezone,
            offset=0,
            limit=SIZE,
        )
    assert [p.name for p in found.partners] == [name for _, _, name in expected]
    assert found.total == len(expected) > 25
    second = handle("stalled page 2", portfolio).body
    assert isinstance(second, StalledList) and second.total == len(expected)
    assert [s.partner for s in second.partners] == [name for _, _, name in expected][25:50]


def test_rank_pages_follow_the_old_ranking_with_movement(portfolio: Invocation) -> None:
    with portfolio.unit_of_work() as uow:
        everyone = active_partners(session=uow.session, team_id="T1")
        scorecard = scoring.current_scorecard(session=uow.session, team_id="T1")
        answers = scoring.submissions(session=uow.session, team_id="T1")
        old = rank(
            {p.name: answers.get(p.id or 0, []) for p in everyone},
            scorecard,
            now=portfolio.now,
            then=portfolio.now - timedelta(days=7),
            window_days=DEFAULT_WINDOW_DAYS,
        )
        new, total = ranking_rows(uow.session, portfolio, limit=SIZE)
    assert len(old) == total > 5
    assert [(r.place, r.partner, round(r.score, 6), r.raters, r.movement) for r in old] == [
        (r.place, r.partner, round(r.score, 6), r.raters, r.movement) for r in new
    ]


def test_filters_narrow_list_stalled_and_rank(portfolio: Invocation) -> None:
    owner = OWNERS[1]
    listing = handle(f"list discovery owner=<@{owner}> type=reseller", portfolio).body
    assert isinstance(listing, PartnerListing)
    with portfolio.unit_of_work() as uow:
        everyone = active_partners(session=uow.session, team_id="T1", stages=["discovery"], owner=owner)
    assert listing.total == sum(1 for p in everyone if p.type == "reseller")
    mine = handle("stalled owner=@me", portfolio).body
    assert isinstance(mine, StalledList) and mine.total is not None
    every = handle("stalled", portfolio).body
    assert isinstance(every, StalledList) and every.total is not None and 0 < mine.total < every.total
    support = handle("rank stage=support", portfolio).body
    assert isinstance(support, Ranking) and support.scope == "Support"
    assert support.rows and {row.partner for row in support.rows} <= {p.name for p in _in_stage(portfolio, "support")}


def _in_stage(invocation: Invocation, stage: str) -> list:  # type: ignore[type-arg]
    with invocation.unit_of_work() as uow:
        return active_partners(session=uow.session, team_id="T1", stages=[stage])


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("list page 0", "'0' is not a page number"),
        ("list page two", "'two' is not a page number"),
        ("rank colour=red", "'colour=' is not a filter here"),
        ("stalled type=spaceship", "'spaceship' is not a partner type"),
        ("stalled soon", "'soon' is not understood here"),
    ],
)
def test_bad_paging_words_are_refused_with_what_would_be_right(
    invocation_for: MakeInvocation, line: str, error: str
) -> None:
    body = handle(line, invocation_for()).body
    assert body is not None and error in getattr(body, "text", "")


def test_a_page_past_the_end_shows_the_last_page(portfolio: Invocation) -> None:
    body = handle("list page 999", portfolio).body
    assert isinstance(body, PartnerListing) and body.page is not None
    assert body.page.number == body.page.pages and body.page.next is None
    ranking = handle("rank page 999", portfolio).body
    assert isinstance(ranking, Ranking) and ranking.page is not None and ranking.rows
    assert ranking.page.number == ranking.page.pages and ranking.rows[-1].place == ranking.page.total


def test_suggestions_come_from_a_bounded_candidate_set_through_the_index(
    engine: Engine, portfolio: Invocation
) -> None:
    name = partner_name(42)
    typo = name[:-2] + "x" + name[-1]
    with Session(engine) as session:
        candidates = suggestion_candidates(session=session, team_id="T1", name=typo)
    assert name in candidates and len(candidates) <= 80
    reply = handle(f'show "{typo}"', portfolio).body
    assert reply is not None and name in getattr(reply, "text", "")
    if engine.dialect.name == "postgresql":  # trigrams also find a name whose first letters were mistyped
        with Session(engine) as session:
            assert name in suggestion_candidates(session=session, team_id="T1", name="X" + name[1:])


def test_program_sums_kept_with_entries_undo_and_archive_equal_the_values(portfolio: Invocation) -> None:
    def both() -> tuple[list[object], list[object]]:
        raw, kept = [], []
        with portfolio.unit_of_work() as uow:
            for period in standard_periods(portfolio):
                raw.append(kpi_values.totals(session=uow.session, team_id="T1", start=period.start, end=period.end))
                kept.append(program_figures(uow.session, portfolio, period).totals)
        return raw, kept

    name = partner_name(5)
    lines = (f'kpi "{name}" leads=7 revenue=1.2k', f'kpi "{name}" undo', f'kpi "{name}" deals=3', f'archive "{name}"')
    for line in lines:
        handle(line, portfolio)
        raw, kept = both()
        assert raw == kept, line
    handle(f'restore "{name}"', portfolio)
    raw, kept = both()
    assert raw == kept


def test_the_migration_fills_rater_scores_and_kpi_sums_from_existing_rows(engine: Engine) -> None:
    downgrade(engine, "0004")
    build_portfolio(engine, team_id="T1", partners=40, now=NOW, before_0008=True)
    with engine.begin() as connection:
        expected = connection.execute(
            text("SELECT COALESCE(SUM(k.value), 0) FROM kpi_value k JOIN partner p ON p.id = k.partner_id"
                 " WHERE p.archived = false AND k.metric = 'revenue'")
        ).scalar_one()
    upgrade(engine)
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT SUM(total) FROM kpi_day WHERE metric = 'revenue'")).scalar_one()
        unscored = text("SELECT COUNT(*) FROM score_submission WHERE rater_score IS NULL")
        missing = connection.execute(unscored).scalar_one()
    assert kept == expected > 0 and missing == 0


def test_the_journey_map_from_tallies_equals_the_old_map_from_every_answer(portfolio: Invocation) -> None:
    name = partner_name(9)
    for line in (f'feedback "{name}" csat=2 nps=3 pain=tooling,payouts "slow"', f'archive "{partner_name(11)}"'):
        handle(line, portfolio)
    with portfolio.unit_of_work() as uow:
        everyone = active_partners(session=uow.session, team_id="T1")
        answers = team_feedback(session=uow.session, team_id="T1")
    expected = []
    for stage in portfolio.journey.stages:
        spent = [days_in_stage(p, portfolio) for p in everyone if p.stage == stage.key]
        said = [a for a in answers if a.stage == stage.key]
        expected.append(
            (
                len(spent),
                statistics.median(spent) if spent else None,
                max(spent) if spent else None,
                rules.average(a.csat for a in said if a.csat is not None),
                rules.net_promoter_score(a.nps for a in said if a.nps is not None),
                len(said),
                tuple((c.pain_point, c.count) for c in rules.top_pain_points((a.pain_point_list for a in said), 3)),
            )
        )
    found = [
        (s.partners, s.median_days, s.max_days, s.average_csat, s.nps, s.feedback, s.top_pain_points)
        for s in journey_map(portfolio).stages
    ]
    assert found == expected
