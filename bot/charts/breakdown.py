"""Partner-sourced revenue per group (type, segment, owner, …) as horizontal bars, partners in the labels."""

from __future__ import annotations

from matplotlib.figure import Figure

from bot.charts.data import BreakdownChart
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
from domain.language import tr

BAR_COLOUR = "#009E73"


def build_breakdown_figure(chart: BreakdownChart) -> Figure:
    bars = chart.bars
    figure = new_figure(9, max(3.2, 1.3 + 0.42 * len(bars)))
    set_title(figure, tr("Partner-sourced revenue by {grouping}", grouping=chart.grouping))
    ax = figure.add_subplot()
    tidy_axes(ax, grid_axis="x")
    revenue = [float(bar.revenue) for bar in bars]
    if not bars or not any(revenue):
        note_no_data(ax)
        return use_chart_font(figure)
    positions = range(len(bars))
    ax.barh(positions, revenue, height=0.65, color=BAR_COLOUR)
    ax.set_yticks(positions, [label(f"{bar.label} ({bar.partners})") for bar in bars])
    ax.invert_yaxis()
    ax.set_xlabel(tr("Revenue, all time (partners in brackets)"), fontsize=LABEL_SIZE, color=TEXT_COLOUR)
    return use_chart_font(figure)
