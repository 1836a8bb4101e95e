"""Roles through commands: who may do what, what a refusal says, and that a refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from commands.context import Invocation
from commands.people import Person
from commands.roles import Refused, require_role
from commands.verbs import handle
from domain.language import speaking
from storage.roles import granted_role
from storage.settings import workspace_option
from storage.tables import Partner
from tests.conversation import said

MakeInvocation = Callable[..., Invocation]
NAMES = {"UANNA": "anna", "UPIOTR": "piotr", "UBOB": "bob", "ULEAD": "lena", "UVIEW": "vera"}


class Directory:
    """Slack's users.info as these tests need it: Anna is a workspace admin, Piotr an owner."""

    knows_emails = False

    def lookup(self, user_id: str) -> Person | None:
        return Person(user_id, NAMES.get(user_id, ""), is_admin=user_id == "UANNA", is_owner=user_id == "UPIOTR")

    def known(self, user_id: str) -> Person | None:
        return self.lookup(user_id)

    def lookup_email(self, email: str) -> str | None:
        return None


@pytest.fixture
def as_user(invocation_for: MakeInvocation) -> Callable[..., Callable[[str], str]]:
    def make(user_id: str, *, admins: frozenset[str] = frozenset()) -> Callable[[str], str]:
        invocation = replace(invocation_for(user_id=user_id), people=Directory(), admins=admins)
        return lambda line: said(handle(line, invocation))

    return make


def _partner(engine: Engine, name: str) -> Partner:
    with Session(engine) as session:
        return session.exec(select(Partner).where(Partner.name == name)).one()


def test_slack_admins_and_owners_are_admins_and_others_start_as_managers(as_user, engine: Engine) -> None:
    anna, piotr, bob = as_user("UANNA"), as_user("UPIOTR"), as_user("UBOB")
    anna("add Acme")
    assert "Archived Acme" in anna("archive Acme")
    assert "Restored Acme" in piotr("restore Acme")
    refusal = bob("archive Acme")
    assert "Archiving needs the admin role; admins here:" in refusal
    assert not _partner(engine, "Acme").archived
    assert "Bobco" in bob("add Bobco")


def test_a_refusal_names_the_admins_granted_and_configured(as_user, engine: Engine) -> None:
    anna = as_user("UANNA")
    assert "@vera now holds the admin role." in anna("role <@UVIEW|vera> admin")
    refusal = as_user("UBOB", admins=frozenset({"UPIOTR"}))('stages add "Pilot" after onboarding days=30')
    assert "Designing the journey needs the admin role; admins here: @piotr, @vera." in refusal
    with Session(engine) as session:
        assert granted_role(session=session, team_id="T1", user_id="UVIEW") == "admin"


def test_ids_in_partnerbot_admins_are_admins(as_user, engine: Engine) -> None:
    bob = as_user("UBOB", admins=frozenset({"UBOB"}))
    bob("add Acme")
    assert "needs" not in bob("archive Acme")
    assert _partner(engine, "Acme").archived


def test_a_manager_changes_their_own_partners_and_with_managers_all_every_partner(as_user, engine: Engine) -> None:
    anna, bob = as_user("UANNA"), as_user("UBOB")
    anna("add Acme owner=<@UANNA|anna>")
    bob("add Bobco owner=<@UBOB|bob>")
    assert "Changing Acme needs its owner (@anna) or the admin role; admins here:" in bob("advance Acme")
    assert _partner(engine, "Acme").stage == "discovery"
    assert "needs" not in bob("advance Bobco")
    assert _partner(engine, "Bobco").stage == "attraction"
    assert "needs the admin role" in bob("settings managers=all")
    assert "managers: all partners" in anna("settings managers=all")
    assert "needs" not in bob("advance Acme")
    assert _partner(engine, "Acme").stage == "attraction"


def test_leads_answer_questionnaires_and_viewers_only_look(as_user, engine: Engine) -> None:
    anna = as_user("UANNA")
    anna("add Acme")
    anna("role <@ULEAD|lena> lead")
    anna("role <@UVIEW|vera> viewer")
    lead, viewer = as_user("ULEAD"), as_user("UVIEW")
    assert "needs" not in lead("score Acme")
    assert "Answering questionnaires needs the lead role; leads here: @lena." in viewer("score Acme")
    everyone = "managers here: everyone not given another role."
    assert f"Adding partners needs the manager role; {everyone}" in lead("add Globex")
    assert "Changing a partner needs the manager role" in viewer("feedback Acme csat=4")
    assert "Acme" in viewer("show Acme") and "Acme" in viewer("list")
    with Session(engine) as session:
        assert session.exec(select(Partner).where(Partner.name == "Globex")).first() is None


def test_default_role_viewer_makes_everyone_else_a_viewer(as_user, engine: Engine) -> None:
    anna, bob = as_user("UANNA"), as_user("UBOB")
    assert "default-role: viewer" in anna("settings default-role=viewer")
    assert "Adding partners needs the manager role; managers here: none yet" in bob("add Acme")
    anna("role <@UBOB|bob> manager")
    assert "needs" not in bob("add Acme")
    assert "@bob holds the manager role." in bob("role <@UBOB|bob>")
    with Session(engine) as session:
        assert workspace_option(session=session, team_id="T1", key="default-role") == "viewer"


def test_bad_role_and_setting_values_say_what_would_be_right(as_user) -> None:
    anna = as_user("UANNA")
    assert "Unknown role 'boss'. Roles: viewer, lead, manager, admin." in anna("role <@UBOB|bob> boss")
    assert "Name a member and a role." in anna("role bob manager")
    assert "'some' is not a choice for managers; use own or all." in anna("settings managers=some")
    assert "Unknown role 'chief'" in anna("settings default-role=chief")


def test_roles_lists_who_holds_what_a_page_at_a_time(as_user) -> None:
    anna = as_user("UANNA", admins=frozenset({"UPIOTR"}))
    for number in range(30):
        anna(f"role <@U{number:03d}X|u{number}> lead")
    first = anna("roles")
    assert "Admins through PARTNERBOT_ADMINS: @UPIOTR" in first
    assert "Everyone else is a manager; managers work on the partners they own." in first
    assert "Page 1 of 2 (30 granted)" in first
    assert "U029X" in anna("roles page 2") and "U029X" not in first


def test_require_role_is_the_hook_for_admin_only_features(invocation_for: MakeInvocation) -> None:
    bob = replace(invocation_for(user_id="UBOB"), people=Directory())
    with pytest.raises(Refused, match="needs the admin role"):
        require_role(bob, "admin")
    require_role(replace(bob, admins=frozenset({"UBOB"})), "admin")


def test_a_refusal_reads_in_the_members_language(as_user) -> None:
    as_user("UANNA")("add Acme")
    with speaking("ru"):
        assert "Архивирование: нужна роль admin; администраторы здесь:" in as_user("UBOB")("archive Acme")
    with speaking("pl"):
        assert "Archiwizacja: potrzebna rola admin;" in as_user("UBOB")("archive Acme")
