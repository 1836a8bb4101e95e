"""The catalogs' machinery: plural forms per language, the context's language, Slack locales."""

from __future__ import annotations

import pytest

from domain.language import current_language, language_of, speaking, tr, trn


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["1 partner", "2 partners", "5 partners", "21 partners"]),
        ("ru", ["1 партнёр", "2 партнёра", "5 партнёров", "21 партнёр"]),
        ("pl", ["1 partner", "2 partnerzy", "5 partnerów", "21 partnerów"]),
    ],
)
def test_plural_forms_follow_each_languages_rules(language: str, expected: list[str]) -> None:
    with speaking(language):
        assert [trn("{count} partner", "{count} partners", n) for n in (1, 2, 5, 21)] == expected


@pytest.mark.parametrize(
    ("locale", "language"),
    [("ru-RU", "ru"), ("pl_PL", "pl"), ("en-GB", "en"), ("de-DE", "en"), (None, "en"), ("PL", "pl")],
)
def test_slack_locales_map_to_a_language_with_english_as_the_fallback(locale: str | None, language: str) -> None:
    assert language_of(locale) == language


def test_the_language_is_restored_after_the_block() -> None:
    with speaking("ru"):
        assert current_language() == "ru"
        with speaking("pl"):
            assert current_language() == "pl"
        assert current_language() == "ru"
    assert current_language() == "en"


def test_a_text_missing_from_a_catalog_falls_back_to_english_with_its_values() -> None:
    with speaking("pl"):
        assert tr("Hello {name}", name="Anna") == "Hello Anna"
