"""Block Kit for the journey map: a compact table (the chart follows in the thread)."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section
from bot.views.format import clip, escape
from bot.views.touchpoints import map_touchpoint_blocks
from commands.replies import JourneyMap


def _number(value: object, suffix: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.0f}{suffix}"
    return f"{value}{suffix}"


@build_reply_blocks.register
def _map(body: JourneyMap) -> list[Block]:
    rows = [f"{'Stage':<12}{'Partners':>9}{'Median d':>9}{'Max d':>7}{'CSAT':>6}{'NPS':>6}"]
    pains = []
    for line in body.stages:
        nps = f"{line.nps:+d}" if line.nps is not None else "—"
        rows.append(
            f"{clip(escape(line.stage), 11):<12}{line.partners:>9}{_number(line.median_days):>9}"
            f"{_number(line.max_days):>7}{_number(line.average_csat):>6}{nps:>6}"
        )
        if line.top_pain_points:
            listed = ", ".join(f"{escape(point)} ({count})" for point, count in line.top_pain_points)
            pains.append(f"*{escape(line.stage)}:* {listed}")
    blocks: list[Block] = [header("Journey map"), section("```\n" + "\n".join(rows) + "\n```")]
    blocks.append(
        section("*Top pain points by stage*\n" + "\n".join(pains))
        if pains
        else context("No pain points recorded yet: `/partner feedback NAME pain=…`.")
    )
    blocks += map_touchpoint_blocks(body.touchpoints)
    blocks.append(context("Days are days in the current stage; CSAT and NPS come from feedback given in each stage."))
    return blocks
