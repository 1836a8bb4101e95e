"""Block Kit for the ranking."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section, sections_from_lines
from bot.views.format import escape, person
from bot.views.paging import page_blocks
from bot.views.scoring.summary import points
from commands.replies import Ranking
from domain.language import tr, trn


def movement(move: int | None) -> str:
    if move is None:
        return tr("new")
    return "▲" + str(move) if move > 0 else "▼" + str(-move) if move < 0 else "="


@build_reply_blocks.register
def _ranking(body: Ranking) -> list[Block]:
    title = tr("Ranking: {scope}", scope=body.scope) if body.scope else tr("Ranking")
    if not body.rows:
        if body.scope:
            return [
                section(
                    tr(
                        "No scored partners in {scope} yet: `/partner score NAME` or `/partner ask NAME @lead`.",
                        scope=escape(body.scope),
                    )
                )
            ]
        return [section(tr("No scored partners yet: `/partner score NAME` or `/partner ask NAME @lead`."))]
    lines = []
    for row in body.rows[:50]:
        reason = ""
        if row.reason:
            criterion, before, after, rater = row.reason
            reason = f" — {movement(row.movement)}: {escape(criterion.lower())} {before}→{after} ({person(rater)})"
        raters = trn("{count} rater", "{count} raters", row.raters)
        lines.append(
            f"{row.place}. *{escape(row.partner)}* {points(row.score)} ({raters}) {movement(row.movement)}{reason}"
        )
    blocks: list[Block] = [header(title), *sections_from_lines(lines)]
    note = tr("▲▼ places since last week.")
    if body.unscored:
        note += " " + trn(
            "{count} partner(s) have no score yet.", "{count} partner(s) have no score yet.", body.unscored
        )
    blocks.append(context(note))
    return blocks + page_blocks(body.page)
