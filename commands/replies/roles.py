"""What `/partner roles` answers: who holds which role, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoleLine:
    user_id: str
    role: str
    by: str
    """Who granted it."""


@dataclass(frozen=True)
class RolesView:
    lines: tuple[RoleLine, ...]
    configured_admins: tuple[str, ...]
    """Admins through PARTNERBOT_ADMINS."""
    default_role: str
    managers_all: bool
    page: int
    pages: int
    total: int
