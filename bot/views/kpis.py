"""Block Kit for KPI entries, the partner KPI report and the program dashboard."""

from __future__ import annotations

from decimal import Decimal

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section
from bot.views.format import day, escape
from bot.views.numbers import ARROWS, amount, percent, ratio_percent
from commands.replies import Figures, KpiRecorded, KpiReport, ProgramDashboard
from domain.kpis import DERIVED, METRICS
from domain.language import N_, tr

FLOWS = {"handovers": N_("Clients passed"), "bonus": N_("Bonuses")}
FLOW_WORDS = {"handovers": N_("clients passed"), "bonus": N_("bonuses")}
"""From `/partner handover` and `/partner bonus`; bonuses count as cost in ROI."""
TITLES = {metric.key: metric.title for metric in METRICS} | FLOWS | {d.key: d.title for d in DERIVED}
SUMMED = frozenset(metric.key for metric in METRICS)
LABEL_WIDTH, COLUMN_WIDTH = 13, 12


def _cell(key: str, figures: Figures) -> str:
    if key in figures.totals or key in {metric.key for metric in METRICS} or key in FLOWS:
        return amount(figures.totals.get(key, Decimal(0)))
    value = figures.derived.get(key)
    if key == "roi":
        return ratio_percent(value)
    return (
        amount(value.quantize(Decimal(1)) if value is not None else None) if key == "average_deal" else percent(value)
    )


def figures_table(periods: tuple[Figures, ...], changes: dict[str, str | None]) -> str:
    """A monospaced table: one row per metric, one column per period, the arrow on the first column.

    Columns widen to their longest title or cell ("September 2026" is 14 characters), so they stay aligned."""
    keys = [m.key for m in METRICS] + [key for key in FLOWS if any(key in p.totals for p in periods)]
    table = {key: [_cell(key, p) for p in periods] for key in keys + [d.key for d in DERIVED]}
    width = max([COLUMN_WIDTH, *(len(p.title) for p in periods), *(len(c) for cells in table.values() for c in cells)])
    heading = " " * max(LABEL_WIDTH, *(len(tr(TITLES[key])) + 1 for key in table)) + "".join(
        f"{p.title:>{width}}  " for p in periods
    )
    rows = [heading.rstrip()]
    label_width = max(LABEL_WIDTH, *(len(tr(TITLES[key])) + 1 for key in table))
    for key, cells in table.items():
        first = f"{cells[0]:>{width}} {ARROWS[changes.get(key)]}"
        rest = "".join(f"{cell:>{width}}  " for cell in cells[1:])
        rows.append(f"{tr(TITLES[key]):<{label_width}}{first}{rest}".rstrip())
    return "```\n" + "\n".join(rows) + "\n```"


def kpi_line(figures: Figures) -> str:
    """One line for a partner card: this period's summed figures and its lead → deal conversion."""
    parts = [f"{tr(m.title)} {amount(figures.totals[m.key])}" for m in METRICS if figures.totals.get(m.key)]
    flows = [(word, figures.totals.get(key)) for key, word in FLOW_WORDS.items()]
    parts += [f"{tr(word)} {amount(total)}" for word, total in flows if total]
    conversion = figures.derived.get("lead_to_deal")
    if conversion is not None:
        parts.append(tr("lead → deal {percent}", percent=percent(conversion)))
    return f"*{escape(figures.title)}:* " + " · ".join(parts)


@build_reply_blocks.register
def _report(body: KpiReport) -> list[Block]:
    return [
        header(tr("{partner}: KPIs", partner=body.partner)),
        section(figures_table(body.periods, body.changes)),
        context(tr("▲▼ compare this month with last month. — means a figure has nothing to divide by yet.")),
    ]


@build_reply_blocks.register
def _recorded(body: KpiRecorded) -> list[Block]:
    figures = " · ".join(f"{tr(TITLES[key]) if key in TITLES else key} {amount(value)}" for key, value in body.values)
    entry = {"partner": escape(body.partner), "day": day(body.on_date), "figures": figures}
    if body.undone:
        return [
            section(tr(":leftwards_arrow_with_hook: Removed your entry for *{partner}* of {day}: {figures}", **entry))
        ]
    return [
        section(tr(":bar_chart: *{partner}*, {day}: {figures}", **entry)),
        context(
            tr("`/partner kpi {partner}` shows the totals; `… undo` removes this entry.", partner=entry["partner"])
        ),
    ]


@build_reply_blocks.register
def _dashboard(body: ProgramDashboard) -> list[Block]:
    acquired = " · ".join(
        tr("{count} in {period}", count=count, period=escape(title)) for title, count in body.acquired
    )
    blocks: list[Block] = [
        header(tr("Partner program")),
        section(
            tr(
                "*Partners acquired:* {acquired}\n*Active* (a KPI entry, a touchpoint or a stage move in the last "
                "30 days): {active} of {total}",
                acquired=acquired,
                active=body.active_partners,
                total=body.total_partners,
            )
        ),
        section(figures_table(body.periods, body.changes)),
    ]
    if body.top_by_revenue:
        lines = [
            f"{rank}. *{escape(name)}* — {amount(value)}" for rank, (name, value) in enumerate(body.top_by_revenue, 1)
        ]
        top = tr("*Top partners by partner-sourced revenue (all time)*")
        blocks.append(section(top + "\n" + "\n".join(lines)))
    else:
        blocks.append(section(tr("No revenue recorded yet: `/partner kpi NAME revenue=5k`.")))
    return blocks
