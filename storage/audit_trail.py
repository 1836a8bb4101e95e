"""Reading the audit trail: a partner's, the workspace's (by person and since a moment), a page at a time,
and every row of a workspace in id order for the export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.audit import AUDIT
from storage.audit_tables import AuditEntry
from storage.tables import Partner


@dataclass(frozen=True)
class TrailScope:
    team_id: str
    partner_id: int | None = None
    actor: str | None = None
    since: datetime | None = None

    def where(self) -> list[Any]:
        conditions: list[Any] = [col(AuditEntry.team_id) == self.team_id]
        if self.partner_id is not None:
            conditions.append(col(AuditEntry.partner_id) == self.partner_id)
        if self.actor is not None:
            conditions.append(col(AuditEntry.actor) == self.actor)
        if self.since is not None:
            conditions.append(col(AuditEntry.at) >= self.since)
        return conditions


def count_entries(*, session: Session, scope: TrailScope) -> int:
    query = select(func.count()).select_from(AuditEntry).where(*scope.where())
    return int(session.exec(query).one())


def _with_names() -> Any:
    """Audit rows, each with its partner's current name (None for workspace-wide changes)."""
    same_partner = and_(col(Partner.id) == col(AuditEntry.partner_id), col(Partner.team_id) == col(AuditEntry.team_id))
    return select(AuditEntry, col(Partner.name)).outerjoin(Partner, same_partner)


def entry_page(
    *, session: Session, scope: TrailScope, offset: int, limit: int
) -> list[tuple[AuditEntry, str | None]]:
    """Newest first."""
    query = (
        _with_names()
        .where(*scope.where())
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return [(entry, name) for entry, name in session.exec(query).all()]


Position = tuple[datetime, int]
"""Where a walk over the trail stopped: the last row's time and id."""


def entries_after(*, session: Session, team_id: str, after: Position | None, limit: int) -> list[Row[Any]]:
    """The next `limit` rows of the workspace after `after`, oldest first, read along the (team, time) index,
    as plain rows (`at`, `id`, `actor`, `surface`, `kind`, `partner_id`, `partner`, `before`, `after`): an
    export of millions would spend its time building ORM objects."""
    # `at >= …` is the index range; the `or_` only drops the rows of that instant already read
    later = (
        []
        if after is None
        else [col(AuditEntry.at) >= after[0], or_(col(AuditEntry.at) > after[0], col(AuditEntry.id) > after[1])]
    )
    same_partner = and_(col(Partner.id) == col(AuditEntry.partner_id), col(Partner.team_id) == col(AuditEntry.team_id))
    query = (
        sa_select(*AUDIT.c, col(Partner.name).label("partner"))
        .select_from(AUDIT)
        .outerjoin(Partner, same_partner)
        .where(col(AuditEntry.team_id) == team_id, *later)
        .order_by(col(AuditEntry.at), col(AuditEntry.id))
        .limit(limit)
    )
    return list(session.execute(query).all())
