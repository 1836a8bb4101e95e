"""Who may change which setting: the one place the roles feature decides it."""

from __future__ import annotations

from commands.context import Invocation
from commands.settings.key import SettingKey


def may_change(key: SettingKey, invocation: Invocation) -> None:
    """Raises PartnerbotError naming the role needed when the requester may not change `key`.

    Member keys are always the member's own; workspace keys are open to everyone until roles decide."""
    del key, invocation
