"""Russian and Polish words for verbs and field names parse exactly as the English ones."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.views.blocks import build_reply_blocks
from commands.aliases import FIELD_WORDS, VERB_WORDS, english_field
from commands.replies import HelpSheet
from commands.tokens import tokenize
from commands.verbs import VERBS, find_verb
from domain.language import speaking
from domain.words import fold

VERB_SPELLINGS = [
    (verb, word) for verb, languages in VERB_WORDS.items() for words in languages.values() for word in words
]
FIELD_SPELLINGS = [
    (field, word) for field, languages in FIELD_WORDS.items() for words in languages.values() for word in words
]
values = st.text(st.characters(categories=("L", "N"), include_characters="-.,@"), min_size=1, max_size=12)


def test_every_verb_has_russian_and_polish_words_and_every_word_names_a_verb() -> None:
    assert set(VERB_WORDS) == set(VERBS)
    for languages in VERB_WORDS.values():
        assert languages.get("ru") and languages.get("pl")
    for verb, word in VERB_SPELLINGS:
        assert find_verb(word).name == verb, f"{word!r} names {find_verb(word).name}, not {verb}"


def test_no_word_names_two_verbs_or_two_fields() -> None:
    verbs: dict[str, str] = {}
    for verb, word in VERB_SPELLINGS:
        assert verbs.setdefault(fold(word), verb) == verb, word
    fields: dict[str, str] = {}
    for field, word in FIELD_SPELLINGS:
        assert fields.setdefault(fold(word), field) == field, word


@given(st.sampled_from(VERB_SPELLINGS), values)
def test_a_verb_in_russian_or_polish_runs_the_english_verb_with_the_same_arguments(
    spelling: tuple[str, str], rest: str
) -> None:
    verb, word = spelling
    assert find_verb(word) is find_verb(verb) is VERBS[verb]
    assert tokenize(f"{word} {rest}")[1:] == tokenize(f"{verb} {rest}")[1:]


@given(st.sampled_from(FIELD_SPELLINGS), values, st.booleans())
def test_a_field_name_in_russian_or_polish_reads_as_the_english_one(
    spelling: tuple[str, str], value: str, quoted: bool
) -> None:
    field, word = spelling
    typed = f'"{value}"' if quoted else value
    assert tokenize(f"Acme {word}={typed}") == tokenize(f"Acme {field}={typed}")
    assert tokenize(f"Acme {word.upper()}={typed}") == tokenize(f"Acme {field}={typed}")


def test_other_keys_stay_as_typed() -> None:
    assert english_field("market") == "market" and english_field("лиды") == "лиды"


def _help_text(language: str) -> str:
    with speaking(language):
        sheet = HelpSheet(tuple(verb.help() for verb in VERBS.values()))
        return str([block.to_dict() for block in build_reply_blocks(sheet)])


def test_help_shows_the_words_of_the_readers_language() -> None:
    russian, polish, english = _help_text("ru"), _help_text("pl"), _help_text("en")
    assert "`продвинуть`" in russian and "`владелец=` (owner=)" in russian and "`przesuń`" not in russian
    assert "`przesuń`" in polish and "`właściciel=` (owner=)" in polish and "`продвинуть`" not in polish
    assert "`продвинуть`" not in english and "`przesuń`" not in english
