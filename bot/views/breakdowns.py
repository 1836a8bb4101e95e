"""Block Kit for KPI breakdowns: a monospaced table, one row per group (the chart follows in the thread)."""

from __future__ import annotations

from decimal import Decimal

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section
from bot.views.format import clip, escape
from bot.views.numbers import amount, decimal_one, percent, ratio_percent
from commands.replies.breakdowns import BreakdownRow, KpiBreakdown
from domain.language import N_, tr

COLUMNS = (
    N_("Partners"),
    N_("Active"),
    N_("Leads"),
    "MQL",
    "SQL",
    N_("Deals"),
    N_("Revenue"),
    N_("Conv"),
    N_("Avg deal"),
    "ROI",
    "CSAT",
    "NPS",
)
WIDTHS = (9, 7, 7, 6, 6, 6, 11, 7, 10, 7, 6, 5)
LABEL_WIDTH = 16


def row_cells(row: BreakdownRow) -> list[str]:
    figures, totals = row.figures, row.figures.totals
    derived = figures.derived
    average = derived.get("average_deal")
    return [
        str(figures.partners),
        str(figures.active),
        *(amount(totals.get(key, Decimal(0))) for key in ("leads", "mql", "sql", "deals", "revenue")),
        percent(derived.get("lead_to_deal")),
        amount(average.quantize(Decimal(1)) if average is not None else None),
        ratio_percent(derived.get("roi")),
        "—" if figures.average_csat is None else decimal_one(figures.average_csat),
        "—" if figures.nps is None else f"{figures.nps:+d}",
    ]


def breakdown_table(rows: tuple[BreakdownRow, ...], label: str) -> str:
    titles = [tr(column) for column in COLUMNS]
    widths = [max(width, len(title) + 1) for title, width in zip(titles, WIDTHS, strict=True)]
    lines = [f"{label:<{LABEL_WIDTH}}" + "".join(f"{c:>{w}}" for c, w in zip(titles, widths, strict=True))]
    for row in rows:
        cells = "".join(f"{c:>{w}}" for c, w in zip(row_cells(row), widths, strict=True))
        lines.append(f"{clip(escape(row.label), LABEL_WIDTH - 1):<{LABEL_WIDTH}}{cells}")
    return "```\n" + "\n".join(lines) + "\n```"


@build_reply_blocks.register
def _breakdown(body: KpiBreakdown) -> list[Block]:
    chosen = " ".join(f"{key}={value}" for key, value in body.filters)
    title = tr("KPIs by {grouping}", grouping=body.grouping) if body.grouping else tr("KPIs")
    if chosen:
        title += f" · {chosen}"
    if not body.rows:
        return [
            section(tr("No partners match {filters}.", filters=escape(chosen)) if chosen else tr("No partners yet."))
        ]
    blocks: list[Block] = [
        header(clip(title, 150)),
        section(breakdown_table(body.rows, body.grouping.capitalize() if body.grouping else tr("Selected"))),
    ]
    notes = [tr("All-time KPI totals; active: a KPI entry, a touchpoint or a stage move in the last 30 days.")]
    if body.more_groups:
        notes.append(tr("Only the largest groups are shown."))
    blocks.append(context(" ".join(notes)))
    return blocks
