"""The verbs about the workspace itself: its settings (and, with them, roles and the audit trail)."""

from __future__ import annotations

from commands.settings import change as settings
from commands.verbs.verb import Verb
from domain.language import N_

WORKSPACE_VERBS: tuple[Verb, ...] = (
    Verb(
        "settings",
        "settings | settings KEY=VALUE … | settings KEY VALUE",
        N_("The workspace's settings and your own; change one (or several at once) by name."),
        ("settings", "settings language=ru"),
        settings.parse_settings,
        settings.settings,
        aliases=("ustawienia", "настройки"),
    ),
)
