"""Which language a reader and a channel get, the default data in each language, and the catalogs' checks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from domain.catalogs import CatalogError, check, compile_all
from domain.default_names import default_texts, shown_journey, shown_pain_point, shown_scorecard
from domain.journey import DEFAULT_JOURNEY
from domain.language import speaking, tr
from domain.language_choice import LanguageChoices, language_code
from domain.scorecard import DEFAULT_SCORECARD

RU_HEADER = (Path(__file__).resolve().parents[2] / "domain/locales/ru/common.po").read_text().split("\n\n")[0]


def test_a_members_own_choice_beats_their_slack_locale_which_beats_the_workspaces_language() -> None:
    assert LanguageChoices(own="pl", workspace="ru").reader_language("ru-RU") == "pl"
    assert LanguageChoices(workspace="pl").reader_language("ru-RU") == "ru"
    assert LanguageChoices(workspace="pl").reader_language(None) == "pl"
    assert LanguageChoices(workspace="pl").reader_language("de-DE") == "en", "a locale the bot does not speak"


def test_the_workspace_speaks_its_setting_else_the_installers_locale_else_nothing_chosen() -> None:
    assert LanguageChoices(workspace="ru", installer_locale="pl-PL").channel_language == "ru"
    assert LanguageChoices(installer_locale="pl-PL").channel_language == "pl"
    assert LanguageChoices().channel_language is None
    assert LanguageChoices().reader_language(None) is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [("ru", "ru"), ("RU", "ru"), ("русский", "ru"), ("Polski", "pl"), ("pl-PL", "pl"), ("english", "en"), ("de", None)],
)
def test_a_language_may_be_named_by_its_code_or_its_name(typed: str, code: str | None) -> None:
    assert language_code(typed) == code


@pytest.mark.parametrize("language", ["ru", "pl"])
def test_every_default_text_has_a_translation(language: str) -> None:
    with speaking(language):
        untranslated = [text for text in default_texts() if tr(text) == text and text != "Hydra"]
    assert untranslated == []


def test_default_stages_are_shown_in_the_readers_language_and_still_answer_to_every_name() -> None:
    with speaking("pl"):
        journey = shown_journey(DEFAULT_JOURNEY)
    assert [stage.name for stage in journey.stages][:2] == ["Odkrycie", "Przyciąganie"]
    assert journey.resolve("Discovery").key == "discovery" and journey.resolve("обнаружение").key == "discovery"
    assert journey.resolve("End goal").key == "goal"


def test_a_stage_the_workspace_renamed_stays_as_typed() -> None:
    renamed = replace(DEFAULT_JOURNEY, stages=(replace(DEFAULT_JOURNEY.stages[0], name="Scouting"),))
    with speaking("ru"):
        assert shown_journey(renamed).stages[0].name == "Scouting"


def test_the_default_scorecard_is_translated_and_a_loaded_one_is_not() -> None:
    with speaking("ru"):
        shown = shown_scorecard(DEFAULT_SCORECARD)
        assert shown.criteria[0].title == "Общий объём рынка (TAM)" and shown.keys == DEFAULT_SCORECARD.keys
        loaded = DEFAULT_SCORECARD.model_copy(update={"version": 3})
        assert shown_scorecard(loaded) is loaded
        assert shown_pain_point("tooling") == "инструменты" and shown_pain_point("our own") == "our own"


def _catalog(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "ru"
    folder.mkdir()
    (folder / "x.po").write_text(RU_HEADER + "\n\n" + body + "\n", encoding="utf-8")
    return tmp_path


def test_a_translation_with_a_placeholder_the_english_lacks_stops_the_build(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, 'msgid "Moved {partner}."\nmsgstr "Перемещён {partnr}."')
    with pytest.raises(CatalogError, match=r"unknown placeholder\(s\) \['partnr'\]"):
        compile_all(folder)
    assert not (folder / "ru" / "x.mo").exists()


def test_a_counted_text_needs_each_plural_form_of_its_language(tmp_path: Path) -> None:
    body = (
        'msgid "{count} partner"\nmsgid_plural "{count} partners"\n'
        'msgstr[0] "{count} партнёр"\nmsgstr[1] "{count} партнёра"'
    )
    assert any("2 plural forms, ru has 3" in problem for problem in check(_catalog(tmp_path, body)))


def test_a_dropped_placeholder_is_refused_but_a_singular_may_spell_out_its_count(tmp_path: Path) -> None:
    body = (
        'msgid "Moved {partner} to {stage}."\nmsgstr "Перемещён в {stage}."\n\n'
        'msgid "{count} day"\nmsgid_plural "{count} days"\nmsgstr[0] "один день"\nmsgstr[1] "{count} дня"\n'
        'msgstr[2] "{count} дней"'
    )
    assert [problem.split(": ", 1)[1] for problem in check(_catalog(tmp_path, body))] == [
        "placeholder(s) ['partner'] dropped in 'Перемещён в {stage}.'"
    ]


def test_the_projects_catalogs_have_no_problems() -> None:
    assert check() == []


def test_a_default_pain_point_may_be_named_in_russian_or_polish() -> None:
    from domain.feedback import DEFAULT_PAIN_POINTS, pain_points

    assert pain_points("инструменты, Narzędzia, качество лидов", DEFAULT_PAIN_POINTS) == ("tooling", "lead-quality")
    assert pain_points("payouts", ("payouts", "our own")) == ("payouts",)
