"""The method's default data in the reader's language: stage names, scorecard criteria, alliance types, pain points.

Translated where shown, keyed by what stays stable: a default stage keeps its English name in storage, and it
is shown translated only while the workspace has not renamed it; a workspace's own names stay as typed. The
English texts of the defaults are the catalogs' msgids (domain/locales/<lang>/core.po), so the defaults are
written once, in domain/journey.py, domain/scorecard.py, domain/alliances.py and domain/feedback.py.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from domain.alliances import ALLIANCE_STRUCTURES
from domain.feedback import DEFAULT_PAIN_POINTS
from domain.journey import DEFAULT_JOURNEY, Journey, Stage
from domain.language import current_language, tr
from domain.scorecard import DEFAULT_SCORECARD, Criterion, Scorecard

_DEFAULT_STAGES = {stage.key: stage for stage in DEFAULT_JOURNEY.stages}


def default_texts() -> tuple[str, ...]:
    """Every English text of the default data that the catalogs translate."""
    return (
        *(text for stage in DEFAULT_JOURNEY.stages for text in (stage.name, stage.description)),
        *(text for criterion in DEFAULT_SCORECARD.criteria for text in (criterion.title, criterion.help)),
        *(structure.name for structure in ALLIANCE_STRUCTURES),
        *DEFAULT_PAIN_POINTS,
    )


def shown_stage(stage: Stage) -> Stage:
    """A default stage the workspace left as it was, in the reader's language; its English name, key and every
    alias still name it in commands."""
    default = _DEFAULT_STAGES.get(stage.key)
    if default is None or stage.name != default.name:
        return stage
    name = tr(stage.name)
    description = tr(stage.description) if stage.description == default.description else stage.description
    aliases = stage.aliases if name == stage.name else (*stage.aliases, stage.name)
    return replace(stage, name=name, description=description, aliases=aliases)


def shown_journey(journey: Journey) -> Journey:
    return Journey(tuple(shown_stage(stage) for stage in journey.stages))


def shown_scorecard(scorecard: Scorecard) -> Scorecard:
    """The default scorecard (version 0) in the reader's language; a loaded one as its file says."""
    return _default_scorecard(current_language()) if scorecard is DEFAULT_SCORECARD else scorecard


@cache
def _default_scorecard(language: str) -> Scorecard:
    del language  # the cache key: tr reads the same language from the context
    return DEFAULT_SCORECARD.model_copy(
        update={
            "criteria": tuple(
                Criterion(key=c.key, title=tr(c.title)[:70], help=tr(c.help)[:150], weight=c.weight)
                for c in DEFAULT_SCORECARD.criteria
            )
        }
    )


def shown_pain_point(pain_point: str) -> str:
    """A default pain point in the reader's language; the workspace's own as typed."""
    return tr(pain_point) if pain_point in DEFAULT_PAIN_POINTS else pain_point


def shown_alliance_name(key: str) -> str:
    structure = next((s for s in ALLIANCE_STRUCTURES if s.key == key), None)
    return tr(structure.name) if structure else key
