"""Roles and what each may do: the rules, with no storage and no Slack.

Roles are ordered: an admin may do what a manager may, a manager what a lead may, a lead what a
viewer may. Work on one partner (advance, edit, log, feedback, KPIs, ask) is a manager's only for the
partners they own, unless the workspace lets managers work on all partners (`managers=all`); a partner
with no owner is every manager's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from domain.errors import PartnerbotError
from domain.language import N_, tr


class Role(IntEnum):
    VIEWER = 1
    LEAD = 2
    MANAGER = 3
    ADMIN = 4

    @property
    def word(self) -> str:
        return self.name.lower()


ROLE_WORDS: dict[str, Role] = {role.word: role for role in Role}
DEFAULT_ROLE = Role.MANAGER
"""Where nobody chose otherwise (`/partner settings default-role=…`): small teams all manage partners."""


class Permission(StrEnum):
    VIEW = "view"
    ANSWER = "answer"
    """Answer a scoring questionnaire."""
    ADD = "add"
    """Register a partner."""
    PARTNER = "partner"
    """Change one partner: move, edit, log, feedback, KPIs, ask leads."""
    ADMIN = "admin"
    """Settings, stages, thresholds, scorecards, digest, roles, archive, export of everything."""


NEEDED_ROLE: dict[Permission, Role] = {
    Permission.VIEW: Role.VIEWER,
    Permission.ANSWER: Role.LEAD,
    Permission.ADD: Role.MANAGER,
    Permission.PARTNER: Role.MANAGER,
    Permission.ADMIN: Role.ADMIN,
}

WHAT: dict[Permission, str] = {
    Permission.VIEW: N_("Viewing partners"),
    Permission.ANSWER: N_("Answering questionnaires"),
    Permission.ADD: N_("Adding partners"),
    Permission.PARTNER: N_("Changing a partner"),
    Permission.ADMIN: N_("Changing the workspace's setup"),
}


class UnknownRole(PartnerbotError):
    pass


@dataclass(frozen=True)
class Need:
    """What one request needs: a permission, and for work on one partner, which partner (as typed).

    `alert_id` names the partner through a stall alert, for buttons that carry only the alert."""

    permission: Permission
    partner: str | None = None
    alert_id: int | None = None
    action: str | None = None
    """How the refusal names the action ("Archiving"), marked with N_; the permission's own word otherwise."""


VIEW = Need(Permission.VIEW)
ANSWER = Need(Permission.ANSWER)
ADD = Need(Permission.ADD)
ADMIN = Need(Permission.ADMIN)


def role_from_word(word: str) -> Role:
    role = ROLE_WORDS.get(word.strip().casefold())
    if role is None:
        raise UnknownRole(tr("Unknown role '{word}'. Roles: {roles}.", word=word, roles=", ".join(ROLE_WORDS)))
    return role


def allows(role: Role, permission: Permission, *, owner: str | None, user_id: str, managers_all: bool) -> bool:
    """Whether `role` may do `permission`; `owner` is the partner's owner for work on one partner."""
    if role < NEEDED_ROLE[permission]:
        return False
    if permission is not Permission.PARTNER or role >= Role.ADMIN or managers_all:
        return True
    return owner is None or owner == user_id


def effective_role(*, granted: Role | None, is_admin: bool, default: Role) -> Role:
    """Admins by Slack, install or configuration are admins whatever was granted; others hold their grant or
    the workspace's default role."""
    if is_admin:
        return Role.ADMIN
    return granted if granted is not None else default


def on_partner(name: str | None) -> Need:
    """Work on the partner called `name`; with no name (e.g. the registration form), adding one."""
    return ADD if name is None else Need(Permission.PARTNER, partner=name)


def admin_only(action: str) -> Need:
    """An admin's action, named for the refusal (marked with N_ by the caller)."""
    return Need(Permission.ADMIN, action=action)
