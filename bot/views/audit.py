"""Block Kit for the audit trail: one line per change — when, who, what, before → after — and the page."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, header, section, sections_from_lines
from bot.views.format import escape, person
from bot.views.paging import page_blocks
from commands.replies.audit import AuditLine, AuditTrail
from domain.audit import surface_in_words

MAX_CHANGES_SHOWN = 8


def audit_line(line: AuditLine) -> str:
    partner = f" *{escape(line.partner)}*" if line.partner else ""
    where = escape(surface_in_words(line.surface))
    head = f"*{line.when}* · {person(line.actor)} {escape(line.what)}{partner} _({where})_"
    shown = [f"    {escape(change)}" for change in line.changes[:MAX_CHANGES_SHOWN]]
    if len(line.changes) > MAX_CHANGES_SHOWN:
        shown.append(f"    … +{len(line.changes) - MAX_CHANGES_SHOWN}")
    return "\n".join([head, *shown])


@build_reply_blocks.register
def _audit_trail(body: AuditTrail) -> list[Block]:
    blocks: list[Block] = [header(body.title)]
    if not body.lines:
        return [*blocks, section(escape(body.empty))]
    blocks += sections_from_lines([audit_line(line) for line in body.lines])
    return [*blocks, *page_blocks(body.page)]
