"""Block Kit for retention: the quarter-on-quarter rate and the partners who went quiet, with their owners."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section
from bot.views.format import escape, person
from bot.views.numbers import percent
from commands.replies.retention import RetentionReport


@build_reply_blocks.register
def _retention(body: RetentionReport) -> list[Block]:
    rates = body.retention
    rate = percent(rates.rate) if rates.rate is not None else "— (no partner was active last quarter)"
    blocks: list[Block] = [
        header("Partner retention"),
        section(
            f"*Retained:* {rates.retained} of {rates.active_last_quarter} partners active in"
            f" {escape(body.last_quarter)}"
            f" are active in {escape(body.this_quarter)} — *{rate}*\n"
            f"*Active in {escape(body.this_quarter)}:* {rates.active_this_quarter}"
        ),
    ]
    if not body.quiet:
        blocks.append(section(f"No partner has gone quiet: each had activity in the last {body.quiet_days} days."))
    else:
        lines = [f"*Gone quiet* — no activity in {body.quiet_days} days: {body.quiet_total}"]
        lines += [
            f"• *{escape(q.name)}* — {person(q.owner)} · {escape(q.stage)} · {escape(q.last_activity)}"
            for q in body.quiet
        ]
        if body.quiet_total > len(body.quiet):
            lines.append(f"_…and {body.quiet_total - len(body.quiet)} more, longest in their stage first._")
        blocks.append(section("\n".join(lines)))
    blocks.append(context("Activity: a KPI entry, a touchpoint, feedback or a stage move."))
    return blocks
