"""The verbs about the workspace itself: its settings (and, with them, roles and the audit trail)."""

from __future__ import annotations

from commands import roles
from commands.scoring import scorecard_form
from commands.settings import change as settings
from commands.verbs.verb import Verb
from domain.language import N_
from domain.roles import VIEW, admin_only

WORKSPACE_VERBS: tuple[Verb, ...] = (
    Verb(
        "settings",
        "settings | settings KEY=VALUE … | settings KEY VALUE",
        N_("The workspace's settings and your own; change one (or several at once) by name."),
        ("settings", "settings language=ru"),
        settings.parse_settings,
        settings.settings,
        aliases=("ustawienia", "настройки"),
        needs=VIEW,
    ),
    Verb(
        "role",
        "role @user admin|manager|lead|viewer | role @user",
        N_("Give a member a role (admins only), or see theirs."),
        ("role @bob manager", "role @anna"),
        roles.parse_role,
        roles.role,
        aliases=("rola", "роль"),
        needs=roles.need_for_role,
    ),
    Verb(
        "roles",
        "roles [page N]",
        N_("Who holds which role here, a page at a time."),
        ("roles", "roles page 2"),
        roles.parse_roles,
        roles.roles,
        aliases=("role-list", "roles-list", "роли"),
        needs=VIEW,
    ),
    Verb(
        "scorecard",
        "scorecard",
        N_("Edit the scorecard's criteria, weights and questions in a form, or upload a YAML file (admins)."),
        ("scorecard",),
        scorecard_form.parse_scorecard,
        scorecard_form.open_scorecard,
        aliases=("karta-oceny", "карта-оценки"),
        needs=admin_only(N_("Changing the scorecard")),
    ),
)
