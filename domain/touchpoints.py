"""Touchpoints: the contacts with a partner at each stage of its journey (000 lists them per stage)."""

from __future__ import annotations

from domain.errors import UnknownChoice
from domain.language import N_
from domain.words import closest, fold

TOUCHPOINT_KINDS: tuple[str, ...] = (
    "call", "meeting", "webinar", "training", "event", "email", "co-marketing", "other",
)
KIND_LABELS = (
    N_("Call"), N_("Meeting"), N_("Webinar"), N_("Training"), N_("Event"), N_("Email"), N_("Co-marketing"),
)
"""The kinds as form options name them (`tr(kind.capitalize())`; "Other" is a partner type's label too)."""
KIND_ALIASES = {
    "phone": "call", "zoom": "meeting", "qbr": "meeting", "demo": "meeting", "workshop": "training",
    "conference": "event", "mail": "email", "e-mail": "email", "comarketing": "co-marketing",
    "campaign": "co-marketing", "звонок": "call", "встреча": "meeting", "вебинар": "webinar",
    "обучение": "training", "telefon": "call", "spotkanie": "meeting", "szkolenie": "training",
}


def touchpoint_kind(word: str) -> str:
    folded = fold(word)
    for kind in TOUCHPOINT_KINDS:
        if fold(kind) == folded:
            return kind
    for alias, kind in KIND_ALIASES.items():
        if fold(alias) == folded:
            return kind
    spellings = {**{kind: kind for kind in TOUCHPOINT_KINDS}, **KIND_ALIASES}
    suggestions = list(dict.fromkeys(spellings[near] for near in closest(word, spellings)))
    raise UnknownChoice(N_("touchpoint kind"), word, suggestions, TOUCHPOINT_KINDS)
