"""Every setting key, joined from the features that own them, in the order `/partner settings` lists them."""

from __future__ import annotations

from commands.settings import language, roles, shared_channels
from commands.settings.key import SettingKey

KEYS: tuple[SettingKey, ...] = (*roles.KEYS, *language.KEYS, *shared_channels.KEYS)
