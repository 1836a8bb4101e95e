"""Feedback rules (scores, pain points, summaries) and calendar periods: pure functions, no database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from domain.errors import InvalidField, UnknownChoice
from domain.feedback import (
    DEFAULT_PAIN_POINTS,
    PainCount,
    average,
    csat,
    net_promoter_score,
    nps,
    nps_class,
    pain_points,
    top_pain_points,
)
from domain.periods import ALL_TIME, last_month, parse_day, this_month, this_quarter

WARSAW = ZoneInfo("Europe/Warsaw")
TODAY = date(2026, 11, 23)

# --- scores ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "raw", "value"),
    [(csat, "1", 1), (csat, "5", 5), (csat, " 4 ", 4), (csat, "03", 3), (nps, "0", 0), (nps, "10", 10)],
)
def test_csat_is_a_whole_number_from_1_to_5_and_nps_from_0_to_10(
    check: Callable[[str], int], raw: str, value: int
) -> None:
    assert check(raw) == value


@pytest.mark.parametrize(
    ("check", "raw", "message"),
    [
        (csat, "0", "csat=0 is out of range; csat is 1–5."),
        (csat, "6", "csat=6 is out of range; csat is 1–5."),
        (csat, "-1", "csat=-1 is out of range; csat is 1–5."),
        (nps, "11", "nps=11 is out of range; nps is 0–10."),
        (nps, "-1", "nps=-1 is out of range; nps is 0–10."),
        (nps, "100", "nps=100 is out of range; nps is 0–10."),
    ],
)
def test_a_score_out_of_range_is_refused_naming_the_value_and_the_range(
    check: Callable[[str], int], raw: str, message: str
) -> None:
    with pytest.raises(InvalidField) as raised:
        check(raw)
    assert raised.value.message == message


@pytest.mark.parametrize("raw", ["x", "4.5", "4,5", "+3", "", "five", "1_0", "--5", "²", "4/5", "9!", "٣x"])
def test_a_score_that_is_not_a_whole_number_is_refused_with_the_range_and_never_crashes(raw: str) -> None:
    with pytest.raises(InvalidField) as raised:
        nps(raw)
    assert raised.value.message == f"nps={raw} is not a whole number; nps is 0–10."


@pytest.mark.parametrize(
    ("value", "kind"),
    [(0, "detractor"), (6, "detractor"), (7, "passive"), (8, "passive"), (9, "promoter"), (10, "promoter")],
)
def test_nps_class_is_detractor_to_6_passive_7_and_8_promoter_from_9(value: int, kind: str) -> None:
    assert nps_class(value) == kind


@pytest.mark.parametrize(
    ("answers", "score"),
    [
        ([], None),
        ([10, 9, 10], 100),
        ([0, 6, 3], -100),
        ([7, 8], 0),
        ([10, 9, 8, 7, 6, 0], 0),
        ([10, 10, 10, 6], 50),
        ([9, 0, 0], -33),
        ([9, 9, 7], 67),
    ],
)
def test_net_promoter_score_is_percent_promoters_minus_percent_detractors(
    answers: list[int], score: int | None
) -> None:
    assert net_promoter_score(answers) == score


@pytest.mark.parametrize(
    ("answers", "mean"),
    [([], None), ([4], "4.0"), ([4, 5], "4.5"), ([4, 4, 5], "4.3"), ([1, 2, 2], "1.7")],
)
def test_average_is_the_mean_to_one_decimal_and_none_without_answers(answers: list[int], mean: str | None) -> None:
    assert average(answers) == (Decimal(mean) if mean is not None else None)
    assert average(iter(answers)) == average(answers)  # a generator is read once, as the card passes it


def test_top_pain_points_rank_by_count_then_name_and_stop_at_the_limit() -> None:
    answers = [("payouts", "tooling"), ("tooling",), ("communication", "payouts"), ("training",), ("tooling",)]
    assert top_pain_points(answers) == (
        PainCount("tooling", 3),
        PainCount("payouts", 2),
        PainCount("communication", 1),
    )
    assert top_pain_points(answers, limit=1) == (PainCount("tooling", 3),)
    assert top_pain_points([(), ()]) == ()


def test_top_pain_points_break_ties_alphabetically_whatever_the_order_given() -> None:
    forwards = [("training",), ("communication",), ("payouts",)]
    assert [p.pain_point for p in top_pain_points(forwards, limit=2)] == ["communication", "payouts"]
    assert top_pain_points(reversed(forwards), limit=2) == top_pain_points(forwards, limit=2)


# --- pain points -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "chosen"),
    [
        ("tooling", ("tooling",)),
        ("TOOLING", ("tooling",)),
        ("payouts, tooling", ("payouts", "tooling")),
        ("Lead quality", ("lead-quality",)),
        ("lead_quality", ("lead-quality",)),
        ("tooling,tooling, Tooling", ("tooling",)),
        ("payouts,tooling,payouts", ("payouts", "tooling")),
        (" , ,", ()),
        ("", ()),
    ],
)
def test_pain_points_match_the_catalog_ignoring_case_and_separators_and_collapse_duplicates(
    raw: str, chosen: tuple[str, ...]
) -> None:
    assert pain_points(raw, DEFAULT_PAIN_POINTS) == chosen


def test_pain_points_match_ignoring_diacritics_and_keep_the_catalog_spelling() -> None:
    catalog = ("płatności", "szkolenia", "обучение")
    assert pain_points("platnosci, PŁATNOŚCI, Обучение", catalog) == ("płatności", "обучение")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("tools", "Unknown pain point 'tools' — did you mean tooling? Choose one of: onboarding, training, tooling,"),
        ("payouts, toolin", "Unknown pain point 'toolin' — did you mean tooling?"),
        ("xyz", "Unknown pain point 'xyz'. Choose one of: onboarding, training, tooling, payouts, communication,"),
    ],
)
def test_an_unknown_pain_point_is_refused_with_the_closest_suggested_and_the_catalog_listed(
    raw: str, message: str
) -> None:
    with pytest.raises(UnknownChoice) as raised:
        pain_points(raw, DEFAULT_PAIN_POINTS)
    assert raised.value.message.startswith(message)
    assert raised.value.message.endswith("documentation, other")


# --- days typed by users -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2026-11-02", date(2026, 11, 2)),
        ("02.11.2026", date(2026, 11, 2)),
        ("2.11.2026", date(2026, 11, 2)),
        ("31.12.2025", date(2025, 12, 31)),
        (" 2026-11-23 ", TODAY),
        ("today", TODAY),
        ("Yesterday", date(2026, 11, 22)),
        ("сегодня", TODAY),
        ("вчера", date(2026, 11, 22)),
        ("dziś", TODAY),
        ("wczoraj", date(2026, 11, 22)),
        ("", None),
    ],
)
def test_a_day_is_iso_or_day_first_dotted_or_today_yesterday_in_three_languages(raw: str, day: date | None) -> None:
    assert parse_day(raw, TODAY) == day


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2026-11-24", "on 2026-11-24 is in the future (today is 2026-11-23)."),
        ("24.11.2026", "on 2026-11-24 is in the future (today is 2026-11-23)."),
        ("31.02.2026", "on '31.02.2026' is not a date; write 2026-03-01 or 01.03.2026."),
        ("2026-13-01", "on '2026-13-01' is not a date"),
        ("11/02/2026", "on '11/02/2026' is not a date"),
        ("tomorrow", "on 'tomorrow' is not a date"),
    ],
)
def test_a_day_in_the_future_or_not_a_date_is_refused_naming_it(raw: str, message: str) -> None:
    with pytest.raises(InvalidField) as raised:
        parse_day(raw, TODAY, field="on")
    assert raised.value.message.startswith(message)


# --- months and quarters in the workspace's zone -----------------------------------------------


def test_half_past_midnight_on_the_first_in_warsaw_belongs_to_the_new_month_though_utc_is_still_in_the_old() -> None:
    now = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 December in Warsaw
    month = this_month(now, WARSAW)
    assert (month.title, month.start, month.end) == ("December 2026", date(2026, 12, 1), date(2027, 1, 1))
    assert month.utc_bounds(WARSAW) == (
        datetime(2026, 11, 30, 23, 0, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
    )
    assert last_month(now, WARSAW).title == "November 2026"
    assert this_month(now, ZoneInfo("UTC")).title == "November 2026"


def test_last_month_of_january_is_december_of_the_year_before_and_december_rolls_into_january() -> None:
    january = last_month(datetime(2027, 1, 15, 12, tzinfo=UTC), WARSAW)
    assert (january.title, january.start, january.end) == ("December 2026", date(2026, 12, 1), date(2027, 1, 1))
    december = this_month(datetime(2026, 12, 31, 22, 59, tzinfo=UTC), WARSAW)
    assert (december.start, december.end) == (date(2026, 12, 1), date(2027, 1, 1))
    assert this_month(datetime(2026, 12, 31, 23, 0, tzinfo=UTC), WARSAW).title == "January 2027"


def test_month_bounds_follow_summer_time_in_utc() -> None:
    march = this_month(datetime(2026, 3, 15, tzinfo=UTC), WARSAW)
    assert march.utc_bounds(WARSAW) == (datetime(2026, 2, 28, 23, tzinfo=UTC), datetime(2026, 3, 31, 22, tzinfo=UTC))


@pytest.mark.parametrize(
    ("now", "title", "start", "end"),
    [
        (datetime(2026, 11, 23, 9, tzinfo=UTC), "Q4 2026", date(2026, 10, 1), date(2027, 1, 1)),
        (datetime(2026, 9, 30, 22, 30, tzinfo=UTC), "Q4 2026", date(2026, 10, 1), date(2027, 1, 1)),  # 00:30 local
        (datetime(2026, 1, 1, 0, 0, tzinfo=UTC), "Q1 2026", date(2026, 1, 1), date(2026, 4, 1)),
        (datetime(2026, 6, 30, 12, tzinfo=UTC), "Q2 2026", date(2026, 4, 1), date(2026, 7, 1)),
        (datetime(2026, 7, 1, 12, tzinfo=UTC), "Q3 2026", date(2026, 7, 1), date(2026, 10, 1)),
    ],
)
def test_quarter_is_the_local_calendar_quarter(now: datetime, title: str, start: date, end: date) -> None:
    quarter = this_quarter(now, WARSAW)
    assert (quarter.title, quarter.start, quarter.end) == (title, start, end)


def test_all_time_has_no_bounds() -> None:
    assert ALL_TIME.utc_bounds(WARSAW) == (None, None)


def test_a_naive_now_is_refused_rather_than_guessed() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        this_month(datetime(2026, 11, 23, 9), WARSAW)
