"""Block Kit for the weekly digest and its settings."""

from __future__ import annotations

from decimal import Decimal

from slack_sdk.models.blocks import Block, DividerBlock

from bot.views.blocks import build_reply_blocks, context, header, section
from bot.views.format import escape, moment
from bot.views.numbers import amount
from bot.views.scoring.ranking import movement
from bot.views.scoring.summary import points
from bot.views.targets import target_lines
from commands.replies import DigestSettingsView, WeeklyDigest
from domain.kpis import METRICS

TITLES = {metric.key: metric.title for metric in METRICS}


@build_reply_blocks.register
def _settings(body: DigestSettingsView) -> list[Block]:
    if body.channel_id is None:
        return [section("No weekly digest is set up yet: `/partner digest #partners mon 09:00`.")]
    channel = f"<#{body.channel_id}>"
    state = "paused" if body.paused else f"next on {moment(body.next_run)}" if body.next_run else ""
    verb = "Weekly digest set" if body.changed else "Weekly digest"
    blocks: list[Block] = [section(f":calendar: {verb}: {channel}, {escape(body.schedule)} ({state}).")]
    blocks.append(context("`/partner digest off` pauses it; `/partner digest now` posts one here at once."))
    return blocks


def _change(key: str, body: WeeklyDigest) -> str:
    now, before = body.kpis_this_week.get(key, Decimal(0)), body.kpis_week_before.get(key, Decimal(0))
    arrow = "▲" if now > before else "▼" if now < before else "="
    return f"{TITLES[key]} {amount(now)} {arrow}"


@build_reply_blocks.register
def build_digest_blocks(body: WeeklyDigest) -> list[Block]:
    blocks: list[Block] = [header(f"Partner digest · {body.title}")]
    if body.quiet:
        blocks.append(section(":zzz: A quiet week: no new partners, moves, feedback or KPIs."))
    else:
        kpis = " · ".join(
            _change(m.key, body) for m in METRICS if m.key in body.kpis_this_week or m.key in body.kpis_week_before
        )
        blocks.append(
            section(
                f"*The week in numbers:* {body.new_partners} new partner(s) · {body.stage_moves} stage move(s) · "
                f"{body.feedback} feedback\n{kpis or 'No KPIs recorded.'}"
            )
        )
    if body.ranking:
        lines = [f"{r.place}. *{escape(r.partner)}* {points(r.score)} {movement(r.movement)}" for r in body.ranking]
        blocks.append(section("*Ranking (top 10)*\n" + "\n".join(lines)))
    funnel = " → ".join(f"{escape(line.stage)} {line.partners}" for line in body.funnel)
    blocks.append(section(f"*Funnel:* {funnel}"))
    if body.stalled:
        blocks.append(section(f":hourglass: *{body.stalled} stalled partner(s)* — `/partner stalled` for details."))
    if body.reached_goal:
        names = ", ".join(f"*{escape(n)}*" for n in body.reached_goal)
        more = max(0, body.reached_goal_total - len(body.reached_goal))
        blocks.append(section(f":trophy: Reached the end goal: {names}" + (f" and {more} more" if more else "")))
    if body.alliance_changes:
        lines = [f"• {escape(line)}" for line in body.alliance_changes]
        blocks.append(section("*Alliances with new recommendations*\n" + "\n".join(lines)))
    if body.targets:
        blocks.append(section("*Program targets*\n" + "\n".join(target_lines(body.targets))))
    blocks += [DividerBlock(), context("Charts follow in the thread. `/partner rank`, `/partner kpis` for more.")]
    return blocks
