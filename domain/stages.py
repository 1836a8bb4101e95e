"""Reading what follows a partner's name in `advance`: which words name the stage, which quoted text is the note.

Unquoted words must name a stage (multi-word names may go unquoted); a note always goes in quotes, so a stray
word is refused rather than silently recorded as a note. A lone quoted phrase is the stage when it names one
(`"конечная цель"`, `„cel końcowy”`), and otherwise the note of a move to the next stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import PartnerbotError, UnknownStage
from domain.journey import Journey, Stage


@dataclass(frozen=True)
class StageAndNote:
    stage: Stage | None
    note: str | None


def _as_typed(text: str) -> str:
    return f'"{text}"' if " " in text else text


def read_stage_and_note(
    journey: Journey, partner: str, stage_words: tuple[str, ...], quoted: tuple[str, ...]
) -> StageAndNote:
    if stage_words:
        return StageAndNote(_stage_from_words(journey, partner, stage_words), " ".join(quoted) or None)
    if not quoted:
        return StageAndNote(None, None)
    first, *rest = quoted
    try:
        stage = journey.resolve(first)
    except UnknownStage:
        return StageAndNote(None, " ".join(quoted))
    return StageAndNote(stage, " ".join(rest) or None)


def _stage_from_words(journey: Journey, partner: str, words: tuple[str, ...]) -> Stage:
    phrase = " ".join(words)
    try:
        return journey.resolve(phrase)
    except UnknownStage as unknown:
        for cut in range(len(words) - 1, 0, -1):
            try:
                stage = journey.resolve(" ".join(words[:cut]))
            except UnknownStage:
                continue
            stray = " ".join(words[cut:])
            raise PartnerbotError(
                f"'{stray}' after the stage is not understood; a note goes in quotes:"
                f' `/partner advance {_as_typed(partner)} {stage.key} "{stray}"`.'
            ) from None
        raise PartnerbotError(
            f"{unknown.message}. A note goes in quotes: `/partner advance {_as_typed(partner)} \"{phrase}\"`."
        ) from None
