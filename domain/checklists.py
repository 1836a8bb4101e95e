"""Stage checklists: finding the step a user means, by its number, its words or a near spelling."""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import PartnerbotError
from domain.language import tr
from domain.words import closest, fold

MAX_STEP_LENGTH = 200
MAX_STEPS = 30


class UnknownStep(PartnerbotError):
    pass


def clean_step(text: str) -> str:
    step = " ".join(text.split())
    if not step:
        raise PartnerbotError(tr('A checklist step needs words, e.g. "Sales training done".'))
    if len(step) > MAX_STEP_LENGTH:
        raise PartnerbotError(
            tr("A checklist step is at most {limit} characters; this one has {count}.", limit=MAX_STEP_LENGTH,
               count=len(step))
        )
    return step


def find_step(steps: Sequence[str], word: str, stage_name: str) -> int:
    """The index of the step meant by `word`: its number (1-based), its text ignoring case and accents, a step
    containing the words, or the one nearest in spelling."""
    if not steps:
        raise UnknownStep(tr("{stage} has no checklist yet.", stage=stage_name))
    if word.isdecimal() and 1 <= int(word) <= len(steps):
        return int(word) - 1
    folded = [fold(step) for step in steps]
    wanted = fold(word)
    if wanted in folded:
        return folded.index(wanted)
    containing = [index for index, step in enumerate(folded) if wanted and wanted in step]
    if len(containing) == 1:
        return containing[0]
    near = closest(word, steps, limit=1)
    if near and not containing:
        return list(steps).index(near[0])
    listed = "; ".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))
    if containing:
        raise UnknownStep(
            tr("'{word}' matches several steps of {stage}'s checklist: {listed}. Give its number or more words.",
               word=word, stage=stage_name, listed=listed)
        )
    raise UnknownStep(
        tr("'{word}' matches no step of {stage}'s checklist: {listed}. Give its number or more words.", word=word,
           stage=stage_name, listed=listed)
    )
