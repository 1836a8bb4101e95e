"""The role rules: who may do what, and that every verb, button and form declares what it needs."""

from __future__ import annotations

import pytest
from slack_bolt import App

from bot.listeners import actions, views
from bot.listeners.guard import NEEDS
from bot.listeners.views.forms import confirm_submission
from commands.tokens import tokenize
from commands.verbs import VERBS
from domain.roles import (
    ADMIN,
    Need,
    Permission,
    Role,
    UnknownRole,
    allows,
    effective_role,
    role_from_word,
)


def _allows(role: Role, permission: Permission, owner: str | None = "U9", managers_all: bool = False) -> bool:
    return allows(role, permission, owner=owner, user_id="U1", managers_all=managers_all)


def test_each_role_may_do_what_the_roles_below_it_may() -> None:
    assert [p for p in Permission if _allows(Role.VIEWER, p)] == [Permission.VIEW]
    assert [p for p in Permission if _allows(Role.LEAD, p)] == [Permission.VIEW, Permission.ANSWER]
    assert not _allows(Role.MANAGER, Permission.ADMIN)
    assert all(_allows(Role.ADMIN, p) for p in Permission)


def test_a_manager_changes_only_the_partners_they_own_unless_managers_may_change_all() -> None:
    assert _allows(Role.MANAGER, Permission.PARTNER, owner="U1")
    assert not _allows(Role.MANAGER, Permission.PARTNER, owner="U9")
    assert _allows(Role.MANAGER, Permission.PARTNER, owner="U9", managers_all=True)
    assert _allows(Role.MANAGER, Permission.PARTNER, owner=None)
    assert not _allows(Role.LEAD, Permission.PARTNER, owner="U1")


def test_admins_by_slack_or_configuration_are_admins_whatever_was_granted() -> None:
    assert effective_role(granted=Role.VIEWER, is_admin=True, default=Role.MANAGER) is Role.ADMIN
    assert effective_role(granted=Role.LEAD, is_admin=False, default=Role.MANAGER) is Role.LEAD
    assert effective_role(granted=None, is_admin=False, default=Role.VIEWER) is Role.VIEWER


def test_a_role_is_named_in_any_case_and_an_unknown_one_lists_the_roles() -> None:
    assert role_from_word(" Manager ") is Role.MANAGER
    with pytest.raises(UnknownRole, match=r"Unknown role 'boss'\. Roles: viewer, lead, manager, admin\."):
        role_from_word("boss")


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_every_verb_declares_what_it_needs(verb: str) -> None:
    entry = VERBS[verb]
    assert isinstance(entry.needs, Need) or callable(entry.needs)


@pytest.mark.parametrize(
    ("line", "permission"),
    [
        ("show Acme", Permission.VIEW),
        ("advance Acme support", Permission.PARTNER),
        ("kpi Acme", Permission.VIEW),
        ("kpi Acme leads=3", Permission.PARTNER),
        ("stages", Permission.VIEW),
        ('stages add "Pilot" after onboarding days=30', Permission.ADMIN),
        ("stalled", Permission.VIEW),
        ("stalled set onboarding 45", Permission.ADMIN),
        ("digest", Permission.VIEW),
        ("digest off", Permission.ADMIN),
        ("archive Acme", Permission.ADMIN),
        ("score Acme", Permission.ANSWER),
        ("add Acme", Permission.ADD),
        ("role <@U2|bob> lead", Permission.ADMIN),
        ("roles", Permission.VIEW),
        ("export history", Permission.ADMIN),
    ],
)
def test_a_verb_needs_what_its_words_ask_for(line: str, permission: Permission) -> None:
    first, *rest = tokenize(line)
    verb = VERBS[first.text]
    assert verb.need(verb.parse(rest)).permission is permission


def test_archiving_is_named_in_its_refusal() -> None:
    first, *rest = tokenize("archive Acme")
    need = VERBS[first.text].need(VERBS[first.text].parse(rest))
    assert need.permission is ADMIN.permission and need.action == "Archiving"


def test_every_button_and_form_listener_declares_what_it_needs() -> None:
    app = App(token="xoxb-test", signing_secret="secret", token_verification_enabled=False)
    actions.register(app)
    views.register(app)
    undeclared = []
    for listener in app._listeners:
        work = [f for f in listener.lazy_functions if f is not confirm_submission]
        declared = hasattr(listener.ack_function, NEEDS) or (work and all(hasattr(f, NEEDS) for f in work))
        if not declared:
            undeclared.append(listener.ack_function.__name__)
    assert len(app._listeners) >= 17
    assert undeclared == []
