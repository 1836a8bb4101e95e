"""Designing a workspace's journey (add, rename, describe, remove, reorder stages), and reading what follows
a partner's name in `advance`: which words name the stage, which quoted text is the note.

Unquoted words must name a stage (multi-word names may go unquoted); a note always goes in quotes, so a stray
word is refused rather than silently recorded as a note. A lone quoted phrase is the stage when it names one
(`"конечная цель"`, `„cel końcowy”`), and otherwise the note of a move to the next stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from domain.errors import PartnerbotError, UnknownStage
from domain.journey import Journey, Stage
from domain.language import tr, trn
from domain.words import fold


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
                tr("'{stray}' after the stage is not understood; a note goes in quotes:"
                   ' `/partner advance {partner} {stage} "{stray}"`.', stray=stray, partner=_as_typed(partner),
                   stage=stage.key)
            ) from None
        raise PartnerbotError(
            tr('{refusal}. A note goes in quotes: `/partner advance {partner} "{phrase}"`.', refusal=unknown.message,
               partner=_as_typed(partner), phrase=phrase)
        ) from None


MAX_STAGES = 20
MAX_STAGE_NAME = 40


class JourneyChangeRefused(PartnerbotError):
    pass


def stage_key(name: str) -> str:
    """The key a new stage is stored under: its letters and digits folded (`Pilot (phase 2)` → `pilot-phase-2`)."""
    key = fold(re.sub(r"[\W_]+", " ", name))[:MAX_STAGE_NAME].strip("-")
    if not key:
        raise JourneyChangeRefused(tr('A stage needs a name, e.g. `/partner stages add "Pilot" after onboarding`.'))
    return key


def _taken(journey: Journey, spelling: str) -> Stage | None:
    try:
        return journey.resolve(spelling)
    except UnknownStage:
        return None


def _already_named(spelling: str, existing: Stage) -> JourneyChangeRefused:
    return JourneyChangeRefused(
        tr("'{spelling}' already names the stage {stage} (`{key}`).", spelling=spelling, stage=existing.name,
           key=existing.key)
    )


def add_stage(
    journey: Journey, name: str, *, after: Stage | None = None, before: Stage | None = None,
    days: int | None = None, description: str = "", aliases: tuple[str, ...] = (),
) -> Journey:
    """The journey with a new stage after (or before) the one named, or at the end."""
    name = " ".join(name.split())
    if len(name) > MAX_STAGE_NAME:
        raise JourneyChangeRefused(
            tr("A stage name is at most {limit} characters; '{name}' has {count}.", limit=MAX_STAGE_NAME, name=name,
               count=len(name))
        )
    if len(journey.stages) >= MAX_STAGES:
        raise JourneyChangeRefused(tr("A journey has at most {limit} stages; remove one first.", limit=MAX_STAGES))
    for spelling in (name, stage_key(name), *aliases):
        existing = _taken(journey, spelling)
        if existing is not None:
            raise _already_named(spelling, existing)
    stage = Stage(stage_key(name), name, description, tuple(aliases), days)
    stages = list(journey.stages)
    if after is not None:
        stages.insert(journey.position(after) + 1, stage)
    elif before is not None:
        stages.insert(journey.position(before), stage)
    else:
        stages.append(stage)
    return Journey(tuple(stages))


def rename_stage(journey: Journey, stage: Stage, name: str) -> Journey:
    """A new display name; the key (what history stores) stays, and the old name becomes an alias."""
    name = " ".join(name.split())
    if not name or len(name) > MAX_STAGE_NAME:
        raise JourneyChangeRefused(tr("A stage name is 1 to {limit} characters.", limit=MAX_STAGE_NAME))
    existing = _taken(journey, name)
    if existing is not None and existing.key != stage.key:
        raise _already_named(name, existing)
    aliases = tuple(dict.fromkeys(a for a in (*stage.aliases, stage.name) if fold(a) != fold(name)))
    return _replaced(journey, replace(stage, name=name, aliases=aliases))


def alias_stage(journey: Journey, stage: Stage, aliases: tuple[str, ...]) -> Journey:
    """More words that name the stage (in any language); a word naming another stage is refused."""
    if not aliases:
        raise JourneyChangeRefused(tr('Give the aliases in quotes, separated by commas: "пилот, pilotaż".'))
    for alias in aliases:
        existing = _taken(journey, alias)
        if existing is not None and existing.key != stage.key:
            raise _already_named(alias, existing)
    return _replaced(journey, replace(stage, aliases=tuple(dict.fromkeys((*stage.aliases, *aliases)))))


def describe_stage(journey: Journey, stage: Stage, description: str) -> Journey:
    return _replaced(journey, replace(stage, description=" ".join(description.split())))


def remove_stage(journey: Journey, stage: Stage, partners_in_it: int, move_to: Stage | None) -> Journey:
    """Refused while partners are in the stage, unless they are moved on (`move-to=`); one stage always stays."""
    if len(journey.stages) == 1:
        raise JourneyChangeRefused(tr("A journey needs at least one stage."))
    if move_to is not None and move_to.key == stage.key:
        raise JourneyChangeRefused(tr("move-to= must name another stage than {stage}.", stage=stage.name))
    if partners_in_it and move_to is None:
        raise JourneyChangeRefused(
            trn("{count} partner(s) are in {stage}; move them first, or say where they go:"
                " `/partner stages remove {key} move-to=STAGE`.",
                "{count} partner(s) are in {stage}; move them first, or say where they go:"
                " `/partner stages remove {key} move-to=STAGE`.", partners_in_it, stage=stage.name, key=stage.key)
        )
    return Journey(tuple(s for s in journey.stages if s.key != stage.key))


def reorder(journey: Journey, order: list[Stage]) -> Journey:
    """The stages in the order given, which must name each stage exactly once."""
    keys = [stage.key for stage in order]
    missing = [stage.key for stage in journey.stages if stage.key not in keys]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if missing or repeated:
        problem = (
            tr("missing {stages}", stages=", ".join(missing))
            if missing
            else tr("{stages} named twice", stages=", ".join(repeated))
        )
        raise JourneyChangeRefused(
            tr("Name every stage once, in the new order ({problem}): `/partner stages order {keys}`.", problem=problem,
               keys=" ".join(journey.keys))
        )
    return Journey(tuple(order))


def _replaced(journey: Journey, stage: Stage) -> Journey:
    return Journey(tuple(stage if s.key == stage.key else s for s in journey.stages))
