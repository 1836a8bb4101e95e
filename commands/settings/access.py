"""Who may change which setting: the one place the roles feature decides it."""

from __future__ import annotations

from commands.context import Invocation
from commands.roles import require
from commands.settings.key import SettingKey
from domain.language import N_
from domain.roles import admin_only


def may_change(key: SettingKey, invocation: Invocation) -> None:
    """Raises Refused naming the role needed when the requester may not change `key`.

    Member keys are always the member's own; workspace keys are an admin's."""
    if key.scope == "workspace":
        require(invocation, admin_only(N_("Changing workspace settings")))
