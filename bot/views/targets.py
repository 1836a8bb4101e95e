"""Block Kit for targets (actual against target, on track or behind) and partners' share of company sales."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, section
from bot.views.format import escape
from bot.views.numbers import amount, percent
from commands.replies.kpis import ProgramDashboard
from commands.replies.targets import CompanySalesRecorded, DashboardWithTargets, SalesShare, TargetsView
from domain.language import N_, tr
from domain.targets import TargetProgress

THIS_PERIOD = {"month": N_("this month"), "quarter": N_("this quarter"), "year": N_("this year")}


def target_lines(targets: tuple[TargetProgress, ...]) -> list[str]:
    lines = []
    for goal in targets:
        state = tr(":white_check_mark: on track") if goal.on_track else tr(":warning: behind")
        lines.append(
            tr(
                "{metric} {actual} of {target} {this_period} ({period}, {share}) · {state}, pace {pace} by today",
                metric=escape(tr(goal.metric)),
                actual=amount(goal.actual),
                target=amount(goal.target),
                this_period=tr(THIS_PERIOD[goal.per]) if goal.per in THIS_PERIOD else "this " + goal.per,
                period=escape(goal.period),
                share=percent(goal.share),
                state=state,
                pace=amount(goal.expected_so_far),
            )
        )
    return lines


def share_line(share: SalesShare) -> str:
    month, revenue = escape(share.month), amount(share.partner_revenue)
    if share.company_sales is None or share.share is None:
        return tr("{month}: partner-sourced revenue {revenue}", month=month, revenue=revenue)
    return tr(
        "{month}: partner-sourced revenue {revenue} of company sales {sales} = *{share}*",
        month=month,
        revenue=revenue,
        sales=amount(share.company_sales),
        share=percent(share.share),
    )


@build_reply_blocks.register
def _targets(body: TargetsView) -> list[Block]:
    blocks: list[Block] = []
    if body.summary:
        blocks.append(section(":white_check_mark: " + escape(body.summary)))
    if not body.progress:
        if body.partner:
            none = tr(
                "No targets for {partner} yet: `/partner target {partner} revenue=500k per=quarter`.",
                partner=escape(body.partner),
            )
        else:
            none = tr("No targets for the program yet: `/partner target revenue=500k per=quarter`.")
        return [*blocks, section(none)]
    title = (
        tr("*Targets for {partner}*", partner=escape(body.partner)) if body.partner else tr("*Targets for the program*")
    )
    blocks.append(section(title + "\n" + "\n".join(target_lines(body.progress))))
    return blocks


@build_reply_blocks.register
def _dashboard(body: DashboardWithTargets) -> list[Block]:
    blocks = list(build_reply_blocks.dispatch(ProgramDashboard)(body))
    if body.targets:
        blocks.append(section(tr("*Program targets*") + "\n" + "\n".join(target_lines(body.targets))))
    if body.shares:
        shares = "\n".join(share_line(s) for s in body.shares)
        blocks.append(section(tr("*Share of company sales*") + "\n" + shares))
    else:
        blocks.append(context(tr("`/partner company-sales 2026-11 3.2m` records the company's sales for a month.")))
    return blocks


@build_reply_blocks.register
def _sales(body: CompanySalesRecorded) -> list[Block]:
    was = tr(" (was {amount})", amount=amount(body.before)) if body.before is not None else ""
    recorded = tr(
        ":white_check_mark: Company sales for {month}: {amount}{was}",
        month=escape(body.share.month),
        amount=amount(body.share.company_sales),
        was=was,
    )
    return [
        section(recorded),
        section(share_line(body.share)),
    ]
