"""How an audit row reads: what a change kind means in words, and its fields as before → after."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from domain.language import N_, tr

VALUE_LIMIT = 80
KIND_WORDS: dict[str, str] = {
    "partner.created": N_("registered"),
    "partner.edited": N_("edited the profile of"),
    "partner.renamed": N_("renamed"),
    "partner.archived": N_("archived"),
    "partner.restored": N_("restored"),
    "partner.moved": N_("moved"),
    "partner.snoozed": N_("snoozed the stall alert of"),
    "feedback.recorded": N_("recorded feedback for"),
    "kpi.entered": N_("entered KPIs for"),
    "kpi.undone": N_("undid a KPI entry of"),
    "score.answered": N_("answered the scorecard for"),
    "settings.changed": N_("changed the settings"),
    "settings.member_changed": N_("changed their own settings"),
    "journey.redesigned": N_("redesigned the journey"),
    "threshold.set": N_("set a stall threshold"),
    "threshold.cleared": N_("cleared a stall threshold"),
    "checklist.step_added": N_("added a checklist step"),
    "checklist.step_changed": N_("changed a checklist step"),
    "checklist.step_removed": N_("removed a checklist step"),
    "checklist.checked": N_("ticked a checklist step of"),
    "checklist.unchecked": N_("unticked a checklist step of"),
    "target.set": N_("set a target"),
    "target.cleared": N_("cleared a target"),
    "company_sales.set": N_("set the company's sales"),
    "touchpoint.logged": N_("logged a touchpoint with"),
    "alliance.created": N_("created an alliance"),
    "alliance.changed": N_("changed an alliance"),
    "alliance.removed": N_("removed an alliance"),
    "alliance.member_added": N_("added to an alliance"),
    "alliance.member_moved": N_("moved within an alliance"),
    "alliance.member_removed": N_("removed from an alliance"),
    "handover.recorded": N_("recorded a handover from"),
    "bonus.recorded": N_("recorded a bonus for"),
    "scorecard.loaded": N_("loaded a scorecard"),
}


def kind_in_words(kind: str) -> str:
    """The change as a verb phrase; a kind without words (a table audited generically) reads as itself."""
    words = KIND_WORDS.get(kind)
    return tr(words) if words else kind


def shown_value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def field_changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> tuple[str, ...]:
    """`field: before → after` for each field; a field only set reads `field: value`, one only cleared
    `field: value → —`."""
    before, after = before or {}, after or {}
    lines = []
    for key in dict.fromkeys([*before, *after]):
        if key not in before:
            lines.append(f"{key}: {shown_value(after[key])}")
        else:
            lines.append(f"{key}: {shown_value(before[key])} → {shown_value(after.get(key))}")
    return tuple(lines)


def loaded(text: str | None) -> dict[str, Any]:
    """A stored JSON object (None when nothing was recorded on that side)."""
    return json.loads(text) if text else {}


SURFACE_WORDS: dict[str, str] = {
    "command": N_("by command"),
    "button": N_("by button"),
    "form": N_("by form"),
    "job": N_("by a scheduled job"),
    "cli": N_("from the command line"),
    "import": N_("by import"),
}


def surface_in_words(surface: str) -> str:
    words = SURFACE_WORDS.get(surface)
    return tr(words) if words else surface
