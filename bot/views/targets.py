"""Block Kit for targets (actual against target, on track or behind) and partners' share of company sales."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, section
from bot.views.format import escape
from bot.views.numbers import amount, percent
from commands.replies.kpis import ProgramDashboard
from commands.replies.targets import CompanySalesRecorded, DashboardWithTargets, SalesShare, TargetsView
from domain.targets import TargetProgress


def target_lines(targets: tuple[TargetProgress, ...]) -> list[str]:
    lines = []
    for goal in targets:
        state = ":white_check_mark: on track" if goal.on_track else ":warning: behind"
        lines.append(
            f"{escape(goal.metric)} {amount(goal.actual)} of {amount(goal.target)} this {goal.per}"
            f" ({escape(goal.period)}, {percent(goal.share)}) · {state}, pace {amount(goal.expected_so_far)} by today"
        )
    return lines


def share_line(share: SalesShare) -> str:
    if share.company_sales is None or share.share is None:
        return f"{escape(share.month)}: partner-sourced revenue {amount(share.partner_revenue)}"
    return (
        f"{escape(share.month)}: partner-sourced revenue {amount(share.partner_revenue)} of company sales"
        f" {amount(share.company_sales)} = *{percent(share.share)}*"
    )


@build_reply_blocks.register
def _targets(body: TargetsView) -> list[Block]:
    whose = escape(body.partner) if body.partner else "the program"
    blocks: list[Block] = []
    if body.summary:
        blocks.append(section(":white_check_mark: " + escape(body.summary)))
    if not body.progress:
        name = f"{escape(body.partner)} " if body.partner else ""
        return [*blocks, section(f"No targets for {whose} yet: `/partner target {name}revenue=500k per=quarter`.")]
    blocks.append(section(f"*Targets for {whose}*\n" + "\n".join(target_lines(body.progress))))
    return blocks


@build_reply_blocks.register
def _dashboard(body: DashboardWithTargets) -> list[Block]:
    blocks = list(build_reply_blocks.dispatch(ProgramDashboard)(body))
    if body.targets:
        blocks.append(section("*Program targets*\n" + "\n".join(target_lines(body.targets))))
    if body.shares:
        blocks.append(section("*Share of company sales*\n" + "\n".join(share_line(s) for s in body.shares)))
    else:
        blocks.append(context("`/partner company-sales 2026-11 3.2m` records the company's sales for a month."))
    return blocks


@build_reply_blocks.register
def _sales(body: CompanySalesRecorded) -> list[Block]:
    was = f" (was {amount(body.before)})" if body.before is not None else ""
    recorded = f"Company sales for {escape(body.share.month)}: {amount(body.share.company_sales)}{was}"
    return [
        section(f":white_check_mark: {recorded}"),
        section(share_line(body.share)),
    ]
