"""The audit trail as a reply: a page of changes, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from commands.replies.paging import PageInfo


@dataclass(frozen=True)
class AuditLine:
    when: str
    """In the workspace's time zone, already formatted."""
    actor: str
    """A Slack user id, or `cli`, `job`, `import`…"""
    surface: str
    what: str
    partner: str | None
    changes: tuple[str, ...]


@dataclass(frozen=True)
class AuditTrail:
    title: str
    lines: tuple[AuditLine, ...]
    empty: str
    page: PageInfo
