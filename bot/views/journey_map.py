"""Block Kit for the journey map: a compact table (the chart follows in the thread)."""

from __future__ import annotations

from decimal import Decimal

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section
from bot.views.format import clip, escape
from bot.views.numbers import decimal_one
from bot.views.touchpoints import map_touchpoint_blocks
from commands.replies import JourneyMap
from domain.language import tr


def _number(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.0f}"
    if isinstance(value, Decimal):
        return decimal_one(value)
    return f"{value}"


@build_reply_blocks.register
def _map(body: JourneyMap) -> list[Block]:
    titles = (tr("Stage"), tr("Partners"), tr("Median d"), tr("Max d"))
    widths = [max(width, len(title) + 1) for title, width in zip(titles, (12, 9, 9, 7), strict=True)]
    rows = [
        f"{titles[0]:<{widths[0]}}{titles[1]:>{widths[1]}}{titles[2]:>{widths[2]}}{titles[3]:>{widths[3]}}{'CSAT':>6}{'NPS':>6}"
    ]
    pains = []
    for line in body.stages:
        nps = f"{line.nps:+d}" if line.nps is not None else "—"
        rows.append(
            f"{clip(escape(line.stage), widths[0] - 1):<{widths[0]}}{line.partners:>{widths[1]}}"
            f"{_number(line.median_days):>{widths[2]}}{_number(line.max_days):>{widths[3]}}"
            f"{_number(line.average_csat):>6}{nps:>6}"
        )
        if line.top_pain_points:
            listed = ", ".join(f"{escape(point)} ({count})" for point, count in line.top_pain_points)
            pains.append(f"*{escape(line.stage)}:* {listed}")
    blocks: list[Block] = [header(tr("Journey map")), section("```\n" + "\n".join(rows) + "\n```")]
    blocks.append(
        section(tr("*Top pain points by stage*") + "\n" + "\n".join(pains))
        if pains
        else context(tr("No pain points recorded yet: `/partner feedback NAME pain=…`."))
    )
    blocks += map_touchpoint_blocks(body.touchpoints)
    blocks.append(
        context(tr("Days are days in the current stage; CSAT and NPS come from feedback given in each stage."))
    )
    return blocks
