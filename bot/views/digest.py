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
from domain.language import tr, trn

TITLES = {metric.key: metric.title for metric in METRICS}


@build_reply_blocks.register
def _settings(body: DigestSettingsView) -> list[Block]:
    if body.channel_id is None:
        return [section(tr("No weekly digest is set up yet: `/partner digest #partners mon 09:00`."))]
    channel = f"<#{body.channel_id}>"
    state = tr("paused") if body.paused else tr("next on {when}", when=moment(body.next_run)) if body.next_run else ""
    where = {"channel": channel, "schedule": escape(body.schedule), "state": state}
    if body.changed:
        text = tr(":calendar: Weekly digest set: {channel}, {schedule} ({state}).", **where)
    else:
        text = tr(":calendar: Weekly digest: {channel}, {schedule} ({state}).", **where)
    blocks: list[Block] = [section(text)]
    blocks.append(context(tr("`/partner digest off` pauses it; `/partner digest now` posts one here at once.")))
    return blocks


def _change(key: str, body: WeeklyDigest) -> str:
    now, before = body.kpis_this_week.get(key, Decimal(0)), body.kpis_week_before.get(key, Decimal(0))
    arrow = "▲" if now > before else "▼" if now < before else "="
    return f"{tr(TITLES[key])} {amount(now)} {arrow}"


@build_reply_blocks.register
def build_digest_blocks(body: WeeklyDigest) -> list[Block]:
    blocks: list[Block] = [header(tr("Partner digest · {title}", title=body.title))]
    if body.quiet:
        blocks.append(section(tr(":zzz: A quiet week: no new partners, moves, feedback or KPIs.")))
    else:
        kpis = " · ".join(
            _change(m.key, body) for m in METRICS if m.key in body.kpis_this_week or m.key in body.kpis_week_before
        )
        week = " · ".join(
            [
                trn("{count} new partner(s)", "{count} new partner(s)", body.new_partners),
                trn("{count} stage move(s)", "{count} stage move(s)", body.stage_moves),
                trn("{count} feedback", "{count} feedback", body.feedback),
            ]
        )
        numbers = tr("*The week in numbers:* {week}", week=week)
        blocks.append(section(numbers + "\n" + (kpis or tr("No KPIs recorded."))))
    if body.ranking:
        lines = [f"{r.place}. *{escape(r.partner)}* {points(r.score)} {movement(r.movement)}" for r in body.ranking]
        blocks.append(section(tr("*Ranking (top 10)*") + "\n" + "\n".join(lines)))
    funnel = " → ".join(f"{escape(line.stage)} {line.partners}" for line in body.funnel)
    blocks.append(section(tr("*Funnel:* {funnel}", funnel=funnel)))
    if body.stalled:
        blocks.append(
            section(
                trn(
                    ":hourglass: *{count} stalled partner(s)* — `/partner stalled` for details.",
                    ":hourglass: *{count} stalled partner(s)* — `/partner stalled` for details.",
                    body.stalled,
                )
            )
        )
    if body.reached_goal:
        names = ", ".join(f"*{escape(n)}*" for n in body.reached_goal)
        more = max(0, body.reached_goal_total - len(body.reached_goal))
        if more:
            reached = trn(
                ":trophy: Reached the end goal: {names} and {count} more",
                ":trophy: Reached the end goal: {names} and {count} more",
                more,
                names=names,
            )
        else:
            reached = tr(":trophy: Reached the end goal: {names}", names=names)
        blocks.append(section(reached))
    if body.alliance_changes:
        lines = [f"• {escape(line)}" for line in body.alliance_changes]
        blocks.append(section(tr("*Alliances with new recommendations*") + "\n" + "\n".join(lines)))
    if body.targets:
        blocks.append(section(tr("*Program targets*") + "\n" + "\n".join(target_lines(body.targets))))
    more_help = tr("Charts follow in the thread. `/partner rank`, `/partner kpis` for more.")
    blocks += [DividerBlock(), context(more_help)]
    return blocks
