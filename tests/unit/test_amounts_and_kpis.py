"""Amounts as partner managers type them, the KPI catalog, and the arithmetic of derived metrics."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.amounts import InvalidAmount, parse_amount
from domain.errors import InvalidField, PartnerbotError, UnknownChoice
from domain.kpis import DERIVED, MAX_COUNT, MAX_MONEY, METRICS, change, derive, metric, metric_value

# --- parse_amount ------------------------------------------------------------------------------


def table(text: str) -> list[tuple[str, str]]:
    """`typed → expected` cells, split by ` | `; escapes such as \\u00a0 stand for the spaces people paste."""
    cells = (cell for line in text.strip().splitlines() for cell in line.split(" | "))
    return [(typed, expected) for typed, expected in (cell.split(" → ", 1) for cell in cells)]


ACCEPTED = table("""
5000 → 5000 | 0 → 0 | 00012 → 12
5 000 → 5000 | 5 000 000 → 5000000 | 5\u00a0000 → 5000 | 5\u202f000 → 5000 | 5\u2009000 → 5000
5k → 5000 | 5K → 5000 | 5к → 5000 | 12.5k → 12500 | 12,5k → 12500
1.2m → 1200000 | 1,2M → 1200000 | 2м → 2000000 | 1 000 000m → 1000000000000
5000,50 → 5000.50 | 5000.50 → 5000.50 | 5000,5 → 5000.50 | 0,5 → 0.50 | 1234,56 → 1234.56
5 000,50 → 5000.50 | 1 234,5 → 1234.50
""")

AMBIGUOUS = table("""
5,000 → '5,000' is ambiguous: a thousands separator or a decimal point? Write 5000 for thousands, or 5,00 for
1.500 → '1.500' is ambiguous: a thousands separator or a decimal point? Write 1500 for thousands, or 1,50 for
999,999 → '999,999' is ambiguous | 1,000 → '1,000' is ambiguous | 0.001 → '0.001' is ambiguous
""")

REFUSED = table("""
-5 → is not a number. Write it like 5000, 5 000, 5k, 12.5k or 5000,50. Values cannot be negative.
-5k → Values cannot be negative.
NaN → 'NaN' is not a number. | nan → not a number | inf → not a number | Infinity → not a number
1e3 → '1e3' is not a number | 1E-2 → not a number
abc → not a number | $5000 → not a number | 5000€ → not a number | +5 → not a number | 1_000 → not a number
5. → not a number | .5 → not a number | 5.5.5 → not a number | 5,000.00 → not a number | 5.000,00 → not a number
5kk → not a number | 5x → not a number
1234,567 → has more than two decimals | 5000.123 → has more than two decimals
12 5 → spaces may only group thousands: 5 000. | 5 0000 → spaces may only | 5 k → spaces may only
5 000 00 → spaces may only group thousands
999999999999999999999999999999 → is too large | 999999999999999999999999999m → is too large
""")


@pytest.mark.parametrize(("text", "value"), ACCEPTED)
def test_amount_accepts_plain_grouped_suffixed_and_decimal_comma_forms(text: str, value: str) -> None:
    assert parse_amount(text) == Decimal(value)
    assert parse_amount(f"  {text} ") == Decimal(value)


@pytest.mark.parametrize(("text", "message"), AMBIGUOUS + REFUSED + [("", "is not a number"), ("  ", "not a number")])
def test_amount_refuses_ambiguous_negative_nan_exponent_and_malformed_text_naming_it(text: str, message: str) -> None:
    with pytest.raises(InvalidAmount) as raised:
        parse_amount(text, what="revenue")
    assert raised.value.message.startswith(f"revenue '{text.strip()}'")
    assert message in raised.value.message


@given(st.text())
def test_any_text_is_a_non_negative_decimal_or_invalid_amount_and_never_another_error(text: str) -> None:
    try:
        value = parse_amount(text)
    except InvalidAmount:
        return
    assert isinstance(value, Decimal) and value.is_finite() and value >= 0


@given(st.text(alphabet="0123456789 .,kKmM-eE\u00a0", max_size=24))
def test_number_shaped_text_is_a_non_negative_decimal_or_invalid_amount(text: str) -> None:
    try:
        value = parse_amount(text)
    except InvalidAmount:
        return
    assert value.is_finite() and value >= 0


WHOLE = st.integers(min_value=0, max_value=10**24)


@given(WHOLE)
def test_a_whole_number_parses_back_plain_and_space_grouped(n: int) -> None:
    assert parse_amount(str(n)) == n
    assert parse_amount(f"{n:,}".replace(",", " ")) == n


@given(WHOLE.map(lambda n: n * 1000))
def test_a_whole_number_of_thousands_parses_back_from_its_k_form(n: int) -> None:
    assert parse_amount(f"{n // 1000}k") == n


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99), st.sampled_from([1, 2]))
def test_a_decimal_comma_with_one_or_two_decimals_equals_the_dot_form(whole: int, cents: int, places: int) -> None:
    fraction = f"{cents:02d}"[:places]
    assert parse_amount(f"{whole},{fraction}") == parse_amount(f"{whole}.{fraction}") == Decimal(f"{whole}.{fraction}")


# --- the metric catalog ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "key"),
    table("""
leads → leads | LEAD → leads | лиды → leads | mqls → mql | SQL → sql
won → deals | deal → deals | umowy → deals
sales → revenue | Sales → revenue | rev → revenue | przychód → revenue | przychod → revenue
spend → cost | koszty → cost
"""),
)
def test_metric_resolves_keys_and_aliases_ignoring_case_and_diacritics(word: str, key: str) -> None:
    assert metric(word).key == key


@pytest.mark.parametrize(
    ("word", "message"),
    [
        (
            "revenu",
            "Unknown metric 'revenu' — did you mean revenue? Choose one of: leads, mql, sql, deals, revenue, cost",
        ),
        ("mq", "Unknown metric 'mq' — did you mean mql?"),
        ("xyz", "Unknown metric 'xyz'. Choose one of: leads, mql, sql, deals, revenue, cost"),
    ],
)
def test_unknown_metric_suggests_the_closest_and_lists_all(word: str, message: str) -> None:
    with pytest.raises(UnknownChoice) as raised:
        metric(word)
    assert raised.value.message.startswith(message)


def test_unknown_metric_suggests_each_metric_once_even_when_several_aliases_match() -> None:
    with pytest.raises(UnknownChoice) as raised:
        metric("leadz")
    assert raised.value.message.count("leads") == 2  # once suggested, once in the list


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [
        ("leads", "10", "10"),
        ("leads", "1.5k", "1500"),
        ("deals", "0", "0"),
        ("leads", str(MAX_COUNT), str(MAX_COUNT)),
        ("revenue", "5000,5", "5000.50"),
        ("revenue", "12.5k", "12500"),
        ("cost", str(MAX_MONEY), str(MAX_MONEY)),
    ],
)
def test_metric_value_takes_whole_counts_and_money_with_cents_up_to_the_limit(key: str, raw: str, value: str) -> None:
    assert metric_value(metric(key), raw) == Decimal(value)


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("leads", "2.5", "leads counts whole leads: '2.5' is not a whole number."),
        ("deals", "1,5", "deals counts whole deals: '1,5' is not a whole number."),
        ("leads", "1000001", "leads=1000001 is over the limit of 1,000,000; check the number."),
        ("revenue", "1000000000000,01", "revenue=1000000000000,01 is over the limit of 1,000,000,000,000"),
        ("revenue", "2000000m", "is over the limit"),
        ("cost", "-800", "cost '-800' is not a number"),
        ("revenue", "5,000", "revenue '5,000' is ambiguous"),
    ],
)
def test_metric_value_refuses_fractional_counts_values_over_the_limit_and_bad_numbers(
    key: str, raw: str, message: str
) -> None:
    with pytest.raises(PartnerbotError) as raised:
        metric_value(metric(key), raw)
    assert message in raised.value.message
    assert isinstance(raised.value, InvalidField | InvalidAmount)


def test_every_metric_is_a_count_or_money_with_a_positive_limit() -> None:
    assert [m.key for m in METRICS] == ["leads", "mql", "sql", "deals", "revenue", "cost"]
    assert [m.key for m in METRICS if m.unit == "money"] == ["revenue", "cost"]
    assert all(m.maximum > 0 for m in METRICS)


# --- derived metrics ---------------------------------------------------------------------------


def totals(**figures: int | str) -> dict[str, Decimal]:
    return {key: Decimal(value) for key, value in figures.items()}


def test_derived_metrics_are_conversions_average_deal_and_roi_from_the_totals() -> None:
    derived = derive(totals(leads=10, mql=6, sql=4, deals=2, revenue=5000, cost=800))
    assert derived["lead_to_deal"] == Decimal("0.2")
    assert derived["mql_to_sql"] == Decimal(4) / Decimal(6)
    assert derived["average_deal"] == Decimal(2500)
    assert derived["roi"] == Decimal("5.25")  # (5000 − 800) / 800
    assert list(derived) == [d.key for d in DERIVED]


def test_roi_is_negative_when_revenue_is_below_cost_and_zero_when_it_breaks_even() -> None:
    assert derive(totals(revenue=500, cost=800))["roi"] == Decimal("-0.375")
    assert derive(totals(cost=800))["roi"] == Decimal(-1)
    assert derive(totals(revenue=800, cost=800))["roi"] == 0


@pytest.mark.parametrize(
    ("figures", "missing"),
    [
        ({}, {"lead_to_deal", "mql_to_sql", "average_deal", "roi"}),
        ({"deals": 2, "leads": 0}, {"lead_to_deal", "mql_to_sql", "roi"}),
        ({"sql": 4, "mql": 0, "leads": 5}, {"mql_to_sql", "average_deal", "roi"}),
        ({"revenue": 5000, "deals": 0, "leads": 3}, {"mql_to_sql", "average_deal", "roi"}),
        ({"revenue": 5000, "cost": 0, "deals": 1}, {"lead_to_deal", "mql_to_sql", "roi"}),
    ],
)
def test_a_derived_metric_is_none_when_its_denominator_is_zero_or_missing(
    figures: dict[str, int], missing: set[str]
) -> None:
    derived = derive(totals(**figures))
    assert {key for key, value in derived.items() if value is None} == missing


def test_zero_numerators_over_real_denominators_are_zero_not_none() -> None:
    assert derive(totals(leads=10, mql=5, deals=1, cost=100)) == {
        "lead_to_deal": Decimal("0.1"),
        "mql_to_sql": 0,
        "average_deal": 0,
        "roi": -1,
    }


@pytest.mark.parametrize(
    ("current", "previous", "direction"),
    [
        (Decimal(5), Decimal(3), "up"),
        (Decimal(3), Decimal(5), "down"),
        (Decimal(4), Decimal("4.00"), "same"),
        (Decimal(0), Decimal(0), "same"),
        (Decimal("-0.1"), Decimal("-0.2"), "up"),
        (None, Decimal(3), None),
        (Decimal(3), None, None),
        (None, None, None),
    ],
)
def test_change_says_up_down_or_same_and_nothing_when_a_side_is_missing(
    current: Decimal | None, previous: Decimal | None, direction: str | None
) -> None:
    assert change(current, previous) == direction
