"""How changes read in the audit trail: which kind a row change is, and how it is shown."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import BoltContext

from bot.listeners.invocations import interaction_invocation
from bot.services import Services
from bot.settings import Settings
from bot.views.audit import audit_line
from commands.replies.audit import AuditLine
from domain.audit import field_changes, kind_in_words
from domain.language import speaking
from storage.audit_rules import DELETE, INSERT, UPDATE, partner_change, recordable, rule_for


@dataclass
class Row:
    id: int = 7
    partner_id: int | None = 7


def test_a_partner_update_is_a_rename_an_archive_a_restore_or_an_edit() -> None:
    def kind(before: dict[str, object], after: dict[str, object]) -> str | None:
        change = partner_change(UPDATE, Row(), before, after)
        return change.kind if change else None

    assert kind({"name": "Acme"}, {"name": "Acme Group"}) == "partner.renamed"
    assert kind({"archived": False}, {"archived": True}) == "partner.archived"
    assert kind({"archived": True}, {"archived": False}) == "partner.restored"
    assert kind({"owner": None}, {"owner": "U1"}) == "partner.edited"


def test_a_partner_update_of_only_its_stage_or_derived_fields_is_left_to_the_move() -> None:
    assert partner_change(UPDATE, Row(), {"stage": "a", "last_activity_at": 1}, {"stage": "b"}) is None


def test_a_table_without_a_rule_is_still_recorded_generically_and_a_mirror_table_is_not() -> None:
    rule = rule_for("workspace_role")
    assert rule is not None
    created = rule(INSERT, Row(), {}, {"user": "U1", "role": "admin"})
    removed = rule(DELETE, Row(), {"user": "U1", "role": "admin"}, {})
    assert created and created.kind == "workspace_role.created" and created.partner_id == 7
    assert removed and removed.kind == "workspace_role.removed"
    assert rule_for("kpi_day") is None and rule_for("audit_entry") is None


def test_ids_teams_and_credentials_are_never_recorded() -> None:
    assert recordable("owner") and recordable("notes")
    assert not any(map(recordable, ("id", "team_id", "bot_token", "user_refresh_token", "client_secret")))


@dataclass
class Option:
    key: str = "language"
    value: str = "ru"


def test_a_named_setting_is_recorded_under_its_key() -> None:
    rule = rule_for("workspace_option")
    assert rule is not None
    changed = rule(UPDATE, Option(), {"value": "en", "updated_at": 1}, {"value": "ru", "updated_at": 2})
    assert changed and (changed.kind, changed.before, changed.after) == ("settings.changed", {"language": "en"},
                                                                         {"language": "ru"})  # fmt: skip
    assert rule(UPDATE, Option(), {"updated_at": 1}, {"updated_at": 2}) is None
    removed = rule(DELETE, Option(), {}, {})
    assert removed and removed.after == {"language": None}


def test_fields_read_as_before_then_after_and_a_set_field_as_its_value() -> None:
    assert field_changes({"stage": "discovery"}, {"stage": "support", "note": "go"}) == (
        "stage: discovery → support",
        "note: go",
    )
    assert field_changes({"leads": "5"}, None) == ("leads: 5 → —",)


def test_kinds_read_in_the_readers_language_and_unknown_kinds_as_themselves() -> None:
    assert kind_in_words("partner.renamed") == "renamed"
    with speaking("ru"):
        assert kind_in_words("partner.renamed") == "переименовал(а)"
    with speaking("pl"):
        assert kind_in_words("partner.archived") == "zarchiwizował(a)"
    assert kind_in_words("workspace_role.created") == "workspace_role.created"


def test_a_trail_line_mentions_the_person_and_escapes_every_typed_text() -> None:
    line = AuditLine("2026-11-30 10:00", "U01ANNA", "form", "renamed", "<!here> & Co", ("name: <b> → <i>",))
    text = audit_line(line)
    assert "<@U01ANNA> renamed *&lt;!here&gt; &amp; Co*" in text
    assert "name: &lt;b&gt; → &lt;i&gt;" in text and "by form" in text


def test_a_click_is_a_button_and_a_submitted_modal_a_form() -> None:
    services = Services(settings=Settings(_env_file=None), engine=None)  # type: ignore[arg-type]
    context = BoltContext({"services": services, "team_id": "T1"})
    people = {"user": {"id": "U01ANNA"}, "team": {"id": "T1"}}
    assert interaction_invocation({"type": "block_actions", **people}, context).surface == "button"
    assert interaction_invocation({"type": "view_submission", **people}, context).surface == "form"
