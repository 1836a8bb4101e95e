"""The verbs that read the audit trail: a partner's history, and the workspace's changes."""

from __future__ import annotations

from commands import audit
from commands.verbs.verb import Verb
from domain.language import N_
from domain.roles import VIEW, admin_only

AUDIT_VERBS: tuple[Verb, ...] = (
    Verb(
        "history",
        "history NAME [page N]",
        N_("Every change to a partner, newest first: when, who, what, before → after."),
        ("history Acme", "history Acme page 2"),
        audit.parse_history,
        audit.history,
        aliases=("trail", "historia", "история"),
        needs=VIEW,
    ),
    Verb(
        "audit",
        "audit [@user] [since=DATE] [page N]",
        N_("Every change in the workspace, newest first; by one person, or since a day."),
        ("audit", "audit @anna since=2026-11-01", "audit page 3"),
        audit.parse_audit,
        audit.audit,
        aliases=("audyt", "аудит"),
        needs=admin_only(N_("Reading the workspace's audit trail")),
    ),
)
