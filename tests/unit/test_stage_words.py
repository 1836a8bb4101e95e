"""Which words after a partner's name in `advance` are the stage and which are the note."""

from __future__ import annotations

import pytest

from domain.errors import PartnerbotError
from domain.journey import DEFAULT_JOURNEY
from domain.stages import read_stage_and_note


def read(words: tuple[str, ...], quoted: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    reading = read_stage_and_note(DEFAULT_JOURNEY, "Acme", words, quoted)
    return (reading.stage.key if reading.stage else None, reading.note)


@pytest.mark.parametrize(
    "phrase", ["конечная цель", "end goal", "cel końcowy", "End goal", "CEL KONCOWY", "Конечная Цель"]
)
def test_a_quoted_phrase_naming_a_stage_is_the_stage_not_a_note(phrase: str) -> None:
    assert read((), (phrase,)) == ("goal", None)


def test_a_quoted_phrase_naming_no_stage_is_the_note_of_a_move_to_the_next_stage() -> None:
    assert read((), ("kick-off call done",)) == (None, "kick-off call done")


def test_a_quoted_stage_may_be_followed_by_a_quoted_note() -> None:
    assert read((), ("end goal", "signed")) == ("goal", "signed")


def test_multi_word_stage_names_work_unquoted() -> None:
    assert read(("end", "goal")) == ("goal", None)
    assert read(("cel", "końcowy"), ("podpisane",)) == ("goal", "podpisane")


def test_a_stray_word_after_the_stage_is_refused_with_the_quoted_form_as_hint() -> None:
    with pytest.raises(PartnerbotError) as refused:
        read(("support", "done"))
    hint = '\'done\' after the stage is not understood; a note goes in quotes: `/partner advance Acme support "done"`'
    assert refused.value.message == hint + "."


def test_an_unquoted_word_naming_no_stage_is_refused_not_taken_as_a_note() -> None:
    with pytest.raises(PartnerbotError, match=r"Unknown stage 'demo booked'.*A note goes in quotes"):
        read(("demo", "booked"))
