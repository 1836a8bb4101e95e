"""Block Kit for retention: the quarter-on-quarter rate and the partners who went quiet, with their owners."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section
from bot.views.format import escape, person
from bot.views.numbers import percent
from commands.replies.retention import RetentionReport
from domain.language import tr, trn


@build_reply_blocks.register
def _retention(body: RetentionReport) -> list[Block]:
    rates = body.retention
    rate = percent(rates.rate) if rates.rate is not None else tr("— (no partner was active last quarter)")
    quarters = {"last_quarter": escape(body.last_quarter), "this_quarter": escape(body.this_quarter)}
    blocks: list[Block] = [
        header(tr("Partner retention")),
        section(
            trn(
                "*Retained:* {retained} of {count} partners active in {last_quarter} are active in {this_quarter}"
                " — *{rate}*\n*Active in {this_quarter}:* {active}",
                "*Retained:* {retained} of {count} partners active in {last_quarter} are active in {this_quarter}"
                " — *{rate}*\n*Active in {this_quarter}:* {active}",
                rates.active_last_quarter,
                retained=rates.retained,
                rate=rate,
                active=rates.active_this_quarter,
                **quarters,
            )
        ),
    ]
    if not body.quiet:
        blocks.append(
            section(
                trn(
                    "No partner has gone quiet: each had activity in the last {count} days.",
                    "No partner has gone quiet: each had activity in the last {count} days.",
                    body.quiet_days,
                )
            )
        )
    else:
        lines = [
            trn(
                "*Gone quiet* — no activity in {count} days: {total}",
                "*Gone quiet* — no activity in {count} days: {total}",
                body.quiet_days,
                total=body.quiet_total,
            )
        ]
        lines += [
            f"• *{escape(q.name)}* — {person(q.owner)} · {escape(q.stage)} · {escape(q.last_activity)}"
            for q in body.quiet
        ]
        if body.quiet_total > len(body.quiet):
            hidden = body.quiet_total - len(body.quiet)
            lines.append(
                trn(
                    "_…and {count} more, longest in their stage first._",
                    "_…and {count} more, longest in their stage first._",
                    hidden,
                )
            )
        blocks.append(section("\n".join(lines)))
    blocks.append(context(tr("Activity: a KPI entry, a touchpoint, feedback or a stage move.")))
    return blocks
