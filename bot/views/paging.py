"""The line under a paged list (where this page sits, how to get the rest) and its Previous/Next buttons."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from bot.views.blocks import context
from bot.views.format import escape
from commands.replies.paging import PageInfo
from domain.language import tr

PREVIOUS_ACTION = "page_previous"
NEXT_ACTION = "page_next"


def page_blocks(info: PageInfo | None) -> list[Block]:
    if info is None or info.total == 0:
        return []
    again = escape(" ".join(part for part in (info.verb, info.arguments) if part))
    hint = tr(" · `/partner {command} page N` for another page", command=again) if info.pages > 1 else ""
    line = tr(
        "Page {number} of {pages} ({first}–{last} of {total}){hint} · "
        "all of them: `partnerbot export FILE.csv --team TEAM`",
        number=info.number,
        pages=info.pages,
        first=info.first_row,
        last=info.last_row,
        total=info.total,
        hint=hint,
    )
    blocks: list[Block] = [context(line)]
    buttons = []
    if info.previous is not None:
        buttons.append(ButtonElement(text=tr("‹ Previous"), action_id=PREVIOUS_ACTION, value=info.previous))
    if info.next is not None:
        buttons.append(ButtonElement(text=tr("Next ›"), action_id=NEXT_ACTION, value=info.next))
    if buttons:
        blocks.append(ActionsBlock(elements=buttons))
    return blocks
