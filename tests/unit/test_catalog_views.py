"""Every text of `bot/` has a Russian and a Polish translation with the same placeholders and markup."""

from __future__ import annotations

import pytest

from tests.catalog_views import LANGUAGES, extracted, problems


@pytest.fixture(scope="module")
def views_texts() -> dict:
    return extracted()


def test_the_views_have_texts_to_translate(views_texts: dict) -> None:
    assert ("{count} day", "{count} days") in views_texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_of_the_views_is_translated_with_its_placeholders(language: str, views_texts: dict) -> None:
    assert problems(language, views_texts) == []
