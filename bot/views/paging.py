"""The line under a paged list (where this page sits, how to get the rest) and its Previous/Next buttons."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from bot.views.blocks import context
from bot.views.format import escape
from commands.replies.paging import PageInfo
from domain.language import N_, tr

PREVIOUS_ACTION = "page_previous"
NEXT_ACTION = "page_next"
TRAIL_EXPORT = N_("the whole trail: `partnerbot audit export --team TEAM FILE.csv`")
EVERYTHING = N_("all of them: `partnerbot export FILE.csv --team TEAM`")
EXPORTS = {"history": TRAIL_EXPORT, "audit": TRAIL_EXPORT}


def page_blocks(info: PageInfo | None) -> list[Block]:
    if info is None or info.total == 0:
        return []
    again = escape(" ".join(part for part in (info.verb, info.arguments) if part))
    hint = tr(" · `/partner {command} page N` for another page", command=again) if info.pages > 1 else ""
    export = tr(EXPORTS.get(info.verb, EVERYTHING))
    line = tr(
        "Page {number} of {pages} ({first}–{last} of {total}){hint} · {export}",
        number=info.number,
        pages=info.pages,
        first=info.first_row,
        last=info.last_row,
        total=info.total,
        hint=hint,
        export=export,
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
