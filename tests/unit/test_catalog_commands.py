"""The commands and domain texts have Russian and Polish translations, and replies read in each language."""

from __future__ import annotations

from datetime import date, time

import pytest

from domain.errors import UnknownChoice, UnknownPartner
from domain.language import speaking
from domain.partner import clean_name
from domain.periods import month_title
from domain.schedule import WeeklySchedule
from tests.catalog_commands import LANGUAGES, problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_commands_text_has_a_translation_with_the_same_placeholders(language: str) -> None:
    assert list(problems(language)) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "No partner named 'Acm' — did you mean Acme or Acme Corp?"),
        ("ru", "Нет партнёра с именем «Acm» — возможно, вы имели в виду Acme или Acme Corp?"),
        ("pl", "Nie ma partnera o nazwie „Acm” — czy chodziło o Acme lub Acme Corp?"),
    ],
)
def test_an_unknown_partner_is_refused_in_the_readers_language(language: str, expected: str) -> None:
    with speaking(language):
        assert UnknownPartner("Acm", ["Acme", "Acme Corp"]).message.startswith(expected)


def test_a_field_named_in_an_error_is_translated_but_the_words_to_type_are_not() -> None:
    with speaking("pl"):
        message = UnknownChoice("partner type", "resseler", ["reseller"], ["reseller", "agency"]).message
    assert message == (
        "Nieznana wartość pola „typ partnera”: „resseler” — czy chodziło o reseller? Wybierz jedną z: reseller, agency"
    )


@pytest.mark.parametrize(
    ("language", "length", "expected"),
    [
        ("ru", 81, "В имени 81 символ;"),
        ("ru", 82, "В имени 82 символа;"),
        ("ru", 85, "В имени 85 символов;"),
        ("pl", 82, "Nazwa ma 82 znaki;"),
        ("pl", 85, "Nazwa ma 85 znaków;"),
    ],
)
def test_counted_texts_take_each_languages_plural_form(language: str, length: int, expected: str) -> None:
    with speaking(language), pytest.raises(Exception) as refused:
        clean_name("x" * length)
    assert str(refused.value).startswith(expected)


@pytest.mark.parametrize(
    ("language", "month", "weekly"),
    [
        ("en", "November 2026", "Monday 09:00"),
        ("ru", "Ноябрь 2026", "понедельник 09:00"),
        ("pl", "Listopad 2026", "poniedziałek 09:00"),
    ],
)
def test_months_and_weekdays_are_named_by_the_readers_locale(language: str, month: str, weekly: str) -> None:
    with speaking(language):
        assert month_title(date(2026, 11, 1)) == month
        assert WeeklySchedule(0, time(9, 0)).describe() == weekly
