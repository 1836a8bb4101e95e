"""What each table's changes mean in the audit trail: one rule per table, or a generic one.

A rule turns one flushed row (inserted, updated or deleted, with the fields that changed) into a `Change`
or nothing. Tables that only mirror other changes (tallies, sums, deliveries, profile-edit history) are
skipped; a table no rule names is recorded generically as `<table>.created|changed|removed`, so a new
table is audited before anyone writes its rule.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

INSERT, UPDATE, DELETE = "insert", "update", "delete"
ALWAYS_HIDDEN = frozenset({"id", "team_id"})
SECRET_WORDS = ("token", "secret")


def recordable(column: str) -> bool:
    """Never the row's id or team, and never a credential, whatever table it is in."""
    return column not in ALWAYS_HIDDEN and not any(word in column for word in SECRET_WORDS)


@dataclass(frozen=True)
class Change:
    kind: str
    partner_id: int | None
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    merge_key: str | None = None
    """Rows of one change flushed together (a KPI entry's figures) share it and become one audit row."""


Rule = Callable[[str, Any, dict[str, Any], dict[str, Any]], Change | None]
"""(operation, row object, before, after) → the change to record, or None."""

VERBS = {INSERT: "created", UPDATE: "changed", DELETE: "removed"}


def standard(
    noun: str,
    *,
    partner: str | None = "partner_id",
    hidden: frozenset[str] = frozenset(),
    verbs: dict[str, str] | None = None,
) -> Rule:
    """`noun.verb`, with the visible fields; an update that changed only hidden fields records nothing."""
    words = {**VERBS, **(verbs or {})}

    def describe(operation: str, row: Any, before: dict[str, Any], after: dict[str, Any]) -> Change | None:
        if operation not in words:
            return None
        shown_before = {key: value for key, value in before.items() if key not in hidden}
        shown_after = {key: value for key, value in after.items() if key not in hidden}
        if not shown_before and not shown_after:
            return None
        return Change(
            f"{noun}.{words[operation]}", getattr(row, partner, None) if partner else None, shown_before, shown_after
        )

    return describe


PARTNER_DERIVED = frozenset(
    {
        "name_key",
        "stage_entered_at",
        "last_activity_at",
        "last_activity_kind",
        "last_event_at",
        "last_event_on",
        "created_at",
        "created_by",
    }
)


def partner_change(operation: str, row: Any, before: dict[str, Any], after: dict[str, Any]) -> Change | None:
    """Created, renamed, archived, restored or edited; a stage change is recorded by its move."""
    hidden = PARTNER_DERIVED if operation == INSERT else PARTNER_DERIVED | {"stage"}
    before = {key: value for key, value in before.items() if key not in hidden}
    after = {key: value for key, value in after.items() if key not in hidden}
    if operation == INSERT:
        return Change("partner.created", row.id, {}, after)
    if not before and not after:
        return None
    if "name" in after:
        kind = "partner.renamed"
    elif "archived" in after:
        kind = "partner.archived" if after["archived"] else "partner.restored"
    else:
        kind = "partner.edited" if operation == UPDATE else "partner.removed"
    return Change(kind, row.id, before, after)


def stage_move(operation: str, row: Any, before: dict[str, Any], after: dict[str, Any]) -> Change | None:
    """A move, from → to with its note; a partner's first move is part of its registration."""
    if operation != INSERT or row.from_stage is None:
        return None
    moved = {"stage": row.to_stage, **({"note": row.note} if row.note else {})}
    return Change("partner.moved", row.partner_id, {"stage": row.from_stage}, moved)


def kpi_value(operation: str, row: Any, before: dict[str, Any], after: dict[str, Any]) -> Change | None:
    """An entry's figures, one audit row per entry (undo is recorded by `storage.kpis`)."""
    if operation != INSERT:
        return None
    figures = {row.metric: row.value, "on_date": row.on_date}
    return Change("kpi.entered", row.partner_id, {}, figures, merge_key=f"kpi:{row.entry_id}")


def score_answers(operation: str, row: Any, before: dict[str, Any], after: dict[str, Any]) -> Change | None:
    if operation != INSERT:
        return None
    answers = {"answers": json.loads(row.answers_json), "scorecard_version": row.scorecard_version}
    if row.comment:
        answers["comment"] = row.comment
    return Change("score.answered", row.partner_id, {}, answers)


def stall_snooze(operation: str, row: Any, before: dict[str, Any], after: dict[str, Any]) -> Change | None:
    """Snoozing or waking a stall alert; the jobs' own bookkeeping on the alert is not a change anyone made."""
    shown = ("snoozed_until", "snooze_reason")
    before = {key: value for key, value in before.items() if key in shown}
    after = {key: value for key, value in after.items() if key in shown}
    if operation != UPDATE or not (before or after):
        return None
    return Change("partner.snoozed", row.partner_id, before, after)


def named_option(kind: str) -> Rule:
    """A `/partner settings KEY=VALUE` row: the key names the field, so `language: en → ru`; a member's own
    setting is named with whose it is (`language@U123`)."""

    def describe(operation: str, row: Any, before: dict[str, Any], after: dict[str, Any]) -> Change | None:
        name = f"{row.key}@{row.user_id}" if hasattr(row, "user_id") else row.key
        if operation == INSERT:
            return Change(kind, None, {}, {name: row.value})
        if operation == DELETE:
            return Change(kind, None, {name: row.value}, {name: None})
        if "value" not in after:
            return None
        return Change(kind, None, {name: before.get("value")}, {name: after["value"]})

    return describe


RECORDED_AT = frozenset({"recorded_at", "recorded_by", "partner_id"})
SKIPPED = frozenset(
    {
        "audit_entry",
        "command_inbox",
        "feedback_tally",
        "job_run",
        "journey_stage",  # recorded whole by storage.stages.save_stages
        "kpi_day",
        "kpi_partner_total",
        "kpi_target",  # recorded by storage.targets.set_target (it replaces the row with a bulk delete)
        "outbox_step",
        "partner_edit",  # the partner's own row says what changed
        "score_request",  # an ask is a message sent, not a change
        "score_span",  # derived from the answers (storage/score_spans.py)
        "score_span_horizon",
        "slack_bots",  # installations and OAuth states: slack_sdk's own, never user changes
        "slack_installations",
        "slack_oauth_states",
        "workspace_install",
    }
)

RULES: dict[str, Rule] = {
    "partner": partner_change,
    "stage_move": stage_move,
    "kpi_value": kpi_value,
    "score_submission": score_answers,
    "stall_alert": stall_snooze,
    "workspace_option": named_option("settings.changed"),
    "member_option": named_option("settings.member_changed"),
    "feedback": standard("feedback", hidden=RECORDED_AT, verbs={INSERT: "recorded"}),
    "touchpoint": standard("touchpoint", hidden=RECORDED_AT, verbs={INSERT: "logged"}),
    "workspace_settings": standard(
        "settings", partner=None, hidden=frozenset({"updated_at", "updated_by"}), verbs={INSERT: "changed"}
    ),
    "stage_threshold": standard("threshold", partner=None, verbs={INSERT: "set", UPDATE: "set", DELETE: "cleared"}),
    "checklist_item": standard(
        "checklist",
        partner=None,
        hidden=frozenset({"created_at", "created_by"}),
        verbs={INSERT: "step_added", UPDATE: "step_changed", DELETE: "step_removed"},
    ),
    "partner_check": standard(
        "checklist",
        hidden=frozenset({"checked_at", "checked_by", "partner_id"}),
        verbs={INSERT: "checked", DELETE: "unchecked"},
    ),
    "company_sales": standard("company_sales", partner=None, hidden=RECORDED_AT, verbs={INSERT: "set", UPDATE: "set"}),
    "alliance": standard("alliance", partner=None, hidden=frozenset({"name_key", "created_at", "created_by"})),
    "alliance_member": standard(
        "alliance",
        hidden=frozenset({"partner_id"}),
        verbs={INSERT: "member_added", UPDATE: "member_moved", DELETE: "member_removed"},
    ),
    "handover": standard("handover", partner="from_partner_id", hidden=RECORDED_AT, verbs={INSERT: "recorded"}),
    "bonus": standard("bonus", hidden=RECORDED_AT, verbs={INSERT: "recorded"}),
    "scorecard_version": standard(
        "scorecard", partner=None, hidden=frozenset({"created_at", "created_by"}), verbs={INSERT: "loaded"}
    ),
}


def rule_for(table: str) -> Rule | None:
    if table in SKIPPED:
        return None
    return RULES.get(table) or standard(table)
