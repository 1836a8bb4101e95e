"""Block Kit for the ranking."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section, sections_from_lines
from bot.views.format import escape, person
from bot.views.paging import page_blocks
from bot.views.scoring.summary import points
from commands.replies import Ranking


def movement(move: int | None) -> str:
    if move is None:
        return "new"
    return "▲" + str(move) if move > 0 else "▼" + str(-move) if move < 0 else "="


@build_reply_blocks.register
def _ranking(body: Ranking) -> list[Block]:
    title = f"Ranking: {body.scope}" if body.scope else "Ranking"
    if not body.rows:
        return [
            section(
                f"No scored partners{' in ' + escape(body.scope) if body.scope else ''} yet: "
                "`/partner score NAME` or `/partner ask NAME @lead`."
            )
        ]
    lines = []
    for row in body.rows[:50]:
        reason = ""
        if row.reason:
            criterion, before, after, rater = row.reason
            reason = f" — {movement(row.movement)}: {escape(criterion.lower())} {before}→{after} ({person(rater)})"
        lines.append(
            f"{row.place}. *{escape(row.partner)}* {points(row.score)} "
            f"({row.raters} rater{'s' if row.raters != 1 else ''}) {movement(row.movement)}{reason}"
        )
    blocks: list[Block] = [header(title), *sections_from_lines(lines)]
    note = "▲▼ places since last week."
    if body.unscored:
        note += f" {body.unscored} partner(s) have no score yet."
    blocks.append(context(note))
    return blocks + page_blocks(body.page)
