"""Views rendered in Russian and Polish: translated words, the three plural forms, numbers and dates by Babel."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from bot.views.format import day, days, moment
from bot.views.numbers import amount, percent, ratio_percent
from domain.language import speaking

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "30 Nov 2026 · 1 day · 2 days · 5 days · 21 days"),
        ("ru", "30 ноября 2026 · 1 день · 2 дня · 5 дней · 21 день"),
        ("pl", "30 listopada 2026 · 1 dzień · 2 dni · 5 dni · 21 dni"),
    ],
)
def test_dates_and_day_counts_follow_the_readers_language(language: str, expected: str) -> None:
    with speaking(language):
        assert " · ".join([day(date(2026, 11, 30)), *(days(n) for n in (1, 2, 5, 21))]) == expected


def test_a_moment_keeps_the_twenty_four_hour_clock() -> None:
    with speaking("pl"):
        assert moment(datetime(2026, 3, 2, 14, 5)) == "2 marca 2026 14:05"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["12 345.50", "5 000", "20.0%", "+525%", "-30%"]),
        ("ru", [f"12{NBSP}345,50", f"5{NBSP}000", f"20,0{NBSP}%", f"+525{NBSP}%", f"-30{NBSP}%"]),
        ("pl", [f"12{NBSP}345,50", f"5{NBSP}000", "20,0%", "+525%", "-30%"]),
    ],
)
def test_money_and_percentages_follow_the_readers_locale(language: str, expected: list[str]) -> None:
    with speaking(language):
        shown = [
            amount(Decimal("12345.5")),
            amount(Decimal("5000")),
            percent(Decimal("0.2")),
            ratio_percent(Decimal("5.25")),
            ratio_percent(Decimal("-0.3")),
        ]
    assert shown == expected
