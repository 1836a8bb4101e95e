"""The KPI breakdown turned into its chart: revenue per group as horizontal bars, partners in the labels."""

from __future__ import annotations

from decimal import Decimal

from matplotlib.figure import Figure

from bot.charts import render_png
from bot.charts.style import (
    LABEL_SIZE,
    TEXT_COLOUR,
    label,
    new_figure,
    note_no_data,
    set_title,
    tidy_axes,
    use_chart_font,
)
from bot.digest_charts import ChartFile
from bot.views.numbers import amount
from commands.replies.breakdowns import KpiBreakdown

BAR_COLOUR = "#009E73"
BARS = 20


def build_breakdown_figure(body: KpiBreakdown) -> Figure:
    rows = body.rows[:BARS]
    figure = new_figure(9, max(3.2, 1.3 + 0.42 * len(rows)))
    set_title(figure, f"Partner-sourced revenue by {body.grouping}")
    ax = figure.add_subplot()
    tidy_axes(ax, grid_axis="x")
    revenue = [float(row.figures.totals.get("revenue", Decimal(0))) for row in rows]
    if not rows or not any(revenue):
        note_no_data(ax)
        return use_chart_font(figure)
    positions = range(len(rows))
    ax.barh(positions, revenue, height=0.65, color=BAR_COLOUR)
    ax.set_yticks(positions, [label(f"{row.label} ({row.figures.partners})") for row in rows])
    ax.invert_yaxis()
    ax.set_xlabel("Revenue, all time (partners in brackets)", fontsize=LABEL_SIZE, color=TEXT_COLOUR)
    return use_chart_font(figure)


def alt_text(body: KpiBreakdown) -> str:
    parts = [
        f"{row.label}: {amount(row.figures.totals.get('revenue', Decimal(0)))} from {row.figures.partners} partners"
        for row in body.rows[:BARS]
    ]
    return (f"Revenue by {body.grouping}: " + "; ".join(parts))[:1000]


def breakdown_charts(body: KpiBreakdown) -> list[ChartFile]:
    png = render_png(build_breakdown_figure(body))
    return [ChartFile(f"kpis-by-{body.grouping}.png", f"KPIs by {body.grouping}", alt_text(body), png)]
