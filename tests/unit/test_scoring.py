"""The score arithmetic: answers 1–5 to 0–100, weights, raters, the window, trend and explanations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.ranking import rank
from domain.scorecard import DEFAULT_SCORECARD, Criterion, Scorecard
from domain.scoring import (
    MIN_COVERAGE,
    Change,
    Submission,
    biggest_change,
    contributions,
    last_change,
    latest_per_rater,
    partner_score,
    previous_score,
    rater_score,
    strongest_and_weakest,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
KEYS = DEFAULT_SCORECARD.keys


def scorecard(**weights: float) -> Scorecard:
    return Scorecard(
        criteria=tuple(
            Criterion(key=key, title=key.title(), help="1 = bad · 5 = good", weight=w) for key, w in weights.items()
        )
    )


THREE = scorecard(market=3, technology=2, culture=1)


def everything(answer: int, **overrides: int) -> dict[str, int]:
    """An answer to every default criterion, with a few set apart."""
    return {key: answer for key in KEYS} | overrides


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


# --- one rater ---------------------------------------------------------------------------------


def test_all_fives_score_100_and_all_ones_score_0() -> None:
    assert rater_score(everything(5), DEFAULT_SCORECARD) == 100
    assert rater_score(everything(1), DEFAULT_SCORECARD) == 0
    assert rater_score(everything(3), DEFAULT_SCORECARD) == 50


def test_score_is_the_weighted_mean_of_answers_mapped_to_0_100_computed_by_hand() -> None:
    # (3×5 + 2×3 + 1×1) / 6 = 22/6 ≈ 3.667 on 1–5 → (22/6 − 1) / 4 × 100 = 66.67
    assert rater_score({"market": 5, "technology": 3, "culture": 1}, THREE) == pytest.approx(200 / 3)


def test_a_heavy_criterion_moves_the_score_more_than_a_light_one() -> None:
    base = rater_score({"market": 4, "technology": 4, "culture": 4}, THREE)
    heavy_down = rater_score({"market": 3, "technology": 4, "culture": 4}, THREE)
    light_down = rater_score({"market": 4, "technology": 4, "culture": 3}, THREE)
    assert base is not None and heavy_down is not None and light_down is not None
    assert base - heavy_down == pytest.approx(12.5)  # weight 3 of 6 × 25 points per step
    assert base - light_down == pytest.approx(25 / 6)  # weight 1 of 6


@given(st.lists(st.tuples(st.floats(min_value=0.001, max_value=100), st.integers(1, 5)), min_size=3, max_size=60))
def test_any_answers_1_to_5_with_any_positive_weights_score_within_0_100(items: list[tuple[float, int]]) -> None:
    card = Scorecard(
        criteria=tuple(Criterion(key=f"c{i}", title=f"C{i}", help="h", weight=w) for i, (w, _) in enumerate(items))
    )
    score = rater_score({f"c{i}": answer for i, (_, answer) in enumerate(items)}, card)
    assert score is not None and 0 <= score <= 100


def test_answers_against_an_old_scorecard_count_only_while_they_cover_enough_weight() -> None:
    assert MIN_COVERAGE == 0.5
    # market + culture: 4 of 6 → counted, over the criteria answered
    assert rater_score({"market": 5, "culture": 5, "retired": 1}, THREE) == 100
    # technology + culture: 3 of 6 is exactly half → still counted
    assert rater_score({"technology": 1, "culture": 1}, THREE) == 0
    # culture alone: 1 of 6 → no score from this rater, and none for the partner
    assert rater_score({"culture": 5, "retired": 5}, THREE) is None
    assert partner_score([Submission("U1", days_ago(1), {"culture": 5, "retired": 5})], THREE, now=NOW) is None


# --- several raters and the window -------------------------------------------------------------


def test_partner_score_is_the_mean_of_each_raters_latest_answers() -> None:
    history = [
        Submission("U1", days_ago(30), everything(1)),  # U1's older answers: ignored
        Submission("U1", days_ago(2), everything(5)),
        Submission("U2", days_ago(5), everything(1)),
    ]
    score = partner_score(history, DEFAULT_SCORECARD, now=NOW)
    assert score is not None
    assert (score.score, score.raters, dict(score.per_rater)) == (50, 2, {"U1": 100, "U2": 0})


def test_a_rater_whose_latest_answers_are_91_days_old_drops_out() -> None:
    history = [Submission("U1", days_ago(91), everything(1)), Submission("U2", days_ago(10), everything(5))]
    score = partner_score(history, DEFAULT_SCORECARD, now=NOW)
    assert score is not None and (score.score, score.raters) == (100, 1)
    assert partner_score(history[:1], DEFAULT_SCORECARD, now=NOW) is None


def test_the_window_holds_answers_younger_than_90_days_and_drops_those_exactly_90_days_old() -> None:
    just_inside = Submission("U1", NOW - timedelta(days=90) + timedelta(seconds=1), everything(5))
    on_the_edge = Submission("U2", NOW - timedelta(days=90), everything(5))
    assert set(latest_per_rater([just_inside, on_the_edge], now=NOW)) == {"U1"}
    assert set(latest_per_rater([on_the_edge], now=NOW, window_days=91)) == {"U2"}


def test_answers_given_after_now_do_not_count_yet() -> None:
    history = [Submission("U1", days_ago(3), everything(5)), Submission("U1", NOW + timedelta(hours=1), everything(1))]
    assert latest_per_rater(history, now=NOW)["U1"].submitted_at == days_ago(3)


def test_previous_score_is_the_score_just_before_the_most_recent_answers() -> None:
    history = [Submission("U1", days_ago(20), everything(4)), Submission("U2", days_ago(10), everything(2))]
    now, before = (
        partner_score(history, DEFAULT_SCORECARD, now=NOW),
        previous_score(history, DEFAULT_SCORECARD, now=NOW),
    )
    assert now is not None and before is not None
    assert (before.score, now.score) == (75, 50)  # U2's answers brought it down from 75 to 50
    history.append(Submission("U1", days_ago(1), everything(5)))
    before = previous_score(history, DEFAULT_SCORECARD, now=NOW)
    assert before is not None and before.score == 50
    assert previous_score(history[:1], DEFAULT_SCORECARD, now=NOW) is None  # a first answer has no trend


# --- explanations ------------------------------------------------------------------------------


def test_contributions_add_up_to_the_score() -> None:
    history = [
        Submission("U1", days_ago(3), everything(4, market=5, culture=1, finance=2)),
        Submission("U2", days_ago(1), everything(3, market=2, technology=5)),
    ]
    score = partner_score(history, DEFAULT_SCORECARD, now=NOW)
    assert score is not None
    parts = contributions(score, DEFAULT_SCORECARD)
    assert len(parts) == 15
    assert sum(part.points for part in parts) == pytest.approx(score.score)
    assert sum(part.weight_share for part in parts) == pytest.approx(1)
    market = next(part for part in parts if part.key == "market")
    assert (market.weight_share, market.mean_answer) == (pytest.approx(3 / 28), 3.5)


def test_contributions_add_up_even_when_a_rater_answered_an_older_scorecard_without_some_criteria() -> None:
    history = [
        Submission("U1", days_ago(3), {"market": 5, "technology": 5, "culture": 1}),
        Submission("U2", days_ago(1), {"market": 1, "technology": 3}),  # before `culture` existed
    ]
    score = partner_score(history, THREE, now=NOW)
    assert score is not None and score.raters == 2
    assert sum(part.points for part in contributions(score, THREE)) == pytest.approx(score.score)


def test_strongest_and_weakest_are_the_best_and_worst_mean_answers_ties_going_to_the_heavier() -> None:
    answers = everything(3, finance=5, culture=5, market=5, compliance=1, training=2)
    score = partner_score([Submission("U1", days_ago(1), answers)], DEFAULT_SCORECARD, now=NOW)
    assert score is not None
    strongest, weakest = strongest_and_weakest(score, DEFAULT_SCORECARD)
    assert strongest == [("Total addressable market", 5), ("Financial health", 5)]  # weight 3, then 2; culture is 1
    assert weakest == [("Compliance and security standards", 1), ("Training and support", 2)]


def test_last_change_names_the_rater_and_the_answer_before_and_after() -> None:
    history = [
        Submission("U1", days_ago(20), everything(4)),
        Submission("U2", days_ago(15), everything(2)),  # a first answer is not a change
        Submission("U1", days_ago(10), everything(4, strategy=2)),
        Submission("U2", days_ago(5), everything(2, strategy=3)),
    ]
    assert last_change(history, "strategy", "Roadmap") == Change("Roadmap", 2, 3, "U2")
    assert last_change(history[:3], "strategy", "Roadmap") == Change("Roadmap", 4, 2, "U1")
    assert last_change(history, "market", "Market") is None


def test_biggest_change_is_the_answer_that_moved_most_by_weight_between_two_moments() -> None:
    history = [
        Submission("U1", days_ago(20), everything(4, culture=5)),
        Submission("U2", days_ago(20), everything(4)),
        Submission("U1", days_ago(2), everything(4, culture=1, strategy=3)),  # culture: 1×4, strategy: 2×1
        Submission("U2", days_ago(1), everything(4, market=3)),  # market: 3×1
    ]
    assert biggest_change(history, DEFAULT_SCORECARD, since=days_ago(7), now=NOW) == Change("Cultural fit", 5, 1, "U1")
    assert biggest_change(history, DEFAULT_SCORECARD, since=days_ago(1.5), now=NOW) == Change(
        "Total addressable market", 4, 3, "U2"
    )
    assert biggest_change(history, DEFAULT_SCORECARD, since=days_ago(30), now=days_ago(10)) is None


def test_ranking_moves_and_explains_a_partner_that_lost_two_places() -> None:
    week_one = {
        "Acme": [Submission("U1", days_ago(10), everything(4))],
        "Globex": [Submission("U1", days_ago(10), everything(4, culture=3))],
        "Initech": [Submission("U1", days_ago(10), everything(4, culture=2))],
    }
    portfolio = week_one | {"Acme": [*week_one["Acme"], Submission("U1", days_ago(1), everything(4, strategy=1))]}
    ranked = rank(portfolio, DEFAULT_SCORECARD, now=NOW, then=days_ago(7))
    assert [(r.partner, r.place, r.movement) for r in ranked] == [("Globex", 1, 1), ("Initech", 2, 1), ("Acme", 3, -2)]
    assert ranked[2].reason == Change("Roadmap and strategy alignment", 4, 1, "U1")
    assert ranked[0].reason is None  # one place is not a big move
