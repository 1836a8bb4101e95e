"""Where partner data may be shown: the rule behind Slack Connect safety.

A channel shared with another organisation (often the partner itself) gets no partner data unless a
workspace admin allowed that channel; people from another organisation get no data at all. Slack is asked
elsewhere (bot/channel_safety.py); this module only decides, from what Slack said.
"""

from __future__ import annotations

import re
from enum import Enum

CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{1,31}")
"""A channel or private group id: the conversations the bot is asked about (a DM or a user id is not one)."""


class Sharing(Enum):
    INTERNAL = "internal"
    """Only this workspace's people are in the channel."""
    SHARED = "shared"
    """`is_ext_shared`: people from another organisation are in it (Slack Connect)."""
    UNSEEN = "unseen"
    """Slack does not show the bot the channel (not found, or the bot is not in it): posting fails anyway."""
    UNKNOWN = "unknown"
    """Slack could not say (e.g. a scope is missing): treated as shared."""


def is_channel(conversation: str | None) -> bool:
    return bool(conversation) and CHANNEL_ID.fullmatch(conversation or "") is not None


def may_post(sharing: Sharing, *, allowed: bool) -> bool:
    """A message with partner data may be posted in the channel (Slack refuses an unseen one by itself)."""
    return sharing in (Sharing.INTERNAL, Sharing.UNSEEN) or (sharing is Sharing.SHARED and allowed)


def may_answer_in_channel(sharing: Sharing, *, allowed: bool) -> bool:
    """A command's answer may be shown to the whole channel; otherwise only the person who asked sees it."""
    return sharing is Sharing.INTERNAL or (sharing is Sharing.SHARED and allowed)


def is_foreign(*, workspace: str, user_team: str | None, is_stranger: bool = False) -> bool:
    """The person belongs to another organisation: Slack says so, or their team is not the workspace."""
    return is_stranger or (bool(user_team) and user_team != workspace)


def allowed_channels(stored: str | None) -> dict[str, str]:
    """The channels an admin allowed, id → name as typed, from the stored setting (`C123:name` words)."""
    pairs = (word.partition(":") for word in (stored or "").split())
    return {channel: name or channel for channel, _, name in pairs}


def stored_channels(channels: dict[str, str]) -> str:
    return " ".join(f"{channel}:{name.replace(' ', '-')}" for channel, name in channels.items())
