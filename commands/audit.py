"""`/partner history NAME [page N]` (a partner's trail) and `/partner audit [@user] [since=DATE] [page N]`
(the workspace's), newest first, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from commands.context import Invocation
from commands.grammar import joined
from commands.paging import ME, Filters, page_info, parse_filters
from commands.registry.lookup import require_partner
from commands.replies import Reply
from commands.replies.audit import AuditLine, AuditTrail
from commands.tokens import ParseError, Token
from domain.audit import field_changes, kind_in_words, loaded
from domain.clock import local_date, start_of_local_day
from domain.language import tr
from domain.paging import Page
from domain.periods import parse_day
from storage.audit_trail import TrailScope, count_entries, entry_page

HISTORY_USAGE = "`/partner history NAME [page N]`"
AUDIT_USAGE = "`/partner audit [@user] [since=DATE] [page N]`"


@dataclass(frozen=True)
class HistoryCommand:
    name: str
    filters: Filters


@dataclass(frozen=True)
class AuditCommand:
    filters: Filters
    user: str | None = None
    since: str | None = None


def parse_history(tokens: list[Token]) -> HistoryCommand:
    usage = tr("Usage: {usage}", usage=HISTORY_USAGE)
    filters = parse_filters(tokens, usage, allowed=())
    name = joined(list(filters.words))
    if not name:
        raise ParseError(tr("Which partner? Usage: {usage}", usage=HISTORY_USAGE))
    return HistoryCommand(name, filters)


def parse_audit(tokens: list[Token]) -> AuditCommand:
    usage = tr("Usage: {usage}", usage=AUDIT_USAGE)
    filters = parse_filters(tokens, usage, allowed=("since",))
    users = [token for token in filters.words if token.kind == "user" or token.text.casefold() in ME]
    stray = [token.text for token in filters.words if token not in users]
    if stray:
        raise ParseError(tr("'{word}' is not understood. {usage}", word=" ".join(stray), usage=usage))
    if len(users) > 1:
        raise ParseError(tr("Give one person at most. {usage}", usage=usage))
    user = (users[0].entity_id or "me") if users else None
    since = next((token.text for token in tokens if token.kind == "pair" and token.key == "since"), None)
    return AuditCommand(filters, user, since)


def history(command: HistoryCommand, invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        partner = require_partner(uow.session, invocation, command.name)
        scope = TrailScope(invocation.team_id, partner_id=partner.id)
        title = tr("History of {partner}", partner=partner.name)
        empty = tr("Nothing recorded for {partner} yet.", partner=partner.name)
        return _trail(uow.session, invocation, scope, command.filters, "history", title, empty)


def audit(command: AuditCommand, invocation: Invocation) -> Reply:
    actor = invocation.user_id if command.user == "me" else command.user
    since: datetime | None = None
    if command.since is not None:
        day = parse_day(command.since, local_date(invocation.now, invocation.timezone), field="since")
        since = start_of_local_day(day, invocation.timezone) if day else None
    scope = TrailScope(invocation.team_id, actor=actor, since=since)
    with invocation.unit_of_work() as uow:
        title = tr("Changes in this workspace")
        empty = tr("No changes recorded that match.")
        return _trail(uow.session, invocation, scope, command.filters, "audit", title, empty)


def _trail(
    session: Session, invocation: Invocation, scope: TrailScope, filters: Filters, verb: str, title: str, empty: str
) -> Reply:
    page = Page(filters.page, count_entries(session=session, scope=scope))
    rows = entry_page(session=session, scope=scope, offset=page.offset, limit=page.size)
    lines = tuple(
        AuditLine(
            when=entry.at.astimezone(invocation.timezone).strftime("%Y-%m-%d %H:%M"),
            actor=entry.actor,
            surface=entry.surface,
            what=kind_in_words(entry.kind),
            partner=name,
            changes=field_changes(loaded(entry.before), loaded(entry.after)),
        )
        for entry, name in rows
    )
    return Reply(AuditTrail(title, lines, empty, page_info(verb, filters, page, len(lines))))
