"""Partner KPIs by week: leads and deals as bars on the left axis, revenue as a line on the right axis."""

from __future__ import annotations

from babel.dates import format_date
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.charts.data import KpiTrendChart
from bot.charts.style import (
    LABEL_SIZE,
    MUTED_COLOUR,
    TEXT_COLOUR,
    compact,
    new_figure,
    note_no_data,
    set_title,
    tidy_axes,
    use_chart_font,
    write_note,
)
from domain.language import N_, current_locale, tr

TITLE = N_("Partner KPIs, last 12 weeks")
LEADS_COLOUR = "#56B4E9"
DEALS_COLOUR = "#0072B2"
REVENUE_COLOUR = "#D55E00"
BAR_WIDTH = 0.38
HEADROOM = 1.2
"""Both value axes end this far above their biggest value, so labels above bars and points stay inside."""


def build_kpi_trend_figure(chart: KpiTrendChart) -> Figure:
    weeks = chart.weeks
    figure = new_figure(11, 5.6)
    set_title(figure, tr(TITLE))
    ax = figure.add_subplot()
    tidy_axes(ax, grid_axis="y")
    if not weeks:
        note_no_data(ax)
        return use_chart_font(figure)
    positions = list(range(len(weeks)))
    leads = [week.leads for week in weeks]
    deals = [week.deals for week in weeks]
    revenue = [float(week.revenue) for week in weeks]

    lead_bars = ax.bar([x - BAR_WIDTH / 2 for x in positions], leads, BAR_WIDTH, color=LEADS_COLOUR, label=tr("Leads"))
    deal_bars = ax.bar([x + BAR_WIDTH / 2 for x in positions], deals, BAR_WIDTH, color=DEALS_COLOUR, label=tr("Deals"))
    for bars, values in ((lead_bars, leads), (deal_bars, deals)):
        ax.bar_label(bars, [str(value) for value in values], padding=2, fontsize=8, color=TEXT_COLOUR)
    ax.set_ylim(0, max([*leads, *deals, 1]) * HEADROOM)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(tr("Leads and deals"), fontsize=LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_xticks(positions, [format_date(week.week_start, "d MMM", locale=current_locale()) for week in weeks])
    years = sorted({weeks[0].week_start.year, weeks[-1].week_start.year})
    week_axis = tr("Week starting ({years})", years="–".join(map(str, years)))
    ax.set_xlabel(week_axis, fontsize=LABEL_SIZE, color=TEXT_COLOUR)

    line = _draw_revenue(ax.twinx(), positions, revenue, chart.currency)
    money = f" {chart.currency}" if chart.currency else ""
    figure.legend(
        [lead_bars, deal_bars, line],
        [tr("Leads"), tr("Deals"), tr("Revenue (last week {amount})", amount=compact(revenue[-1]) + money)],
        loc="outside lower center",
        ncols=3,
        frameon=False,
        fontsize=LABEL_SIZE,
    )
    if not any(leads) and not any(deals) and not any(revenue):
        write_note(ax)
    return use_chart_font(figure)


def _draw_revenue(ax: Axes, positions: list[int], revenue: list[float], currency: str) -> Line2D:
    """The revenue line on its own right-hand axis; the latest value goes in the legend, clear of the bar labels."""
    (line,) = ax.plot(positions, revenue, color=REVENUE_COLOUR, marker="o", linewidth=2, label=tr("Revenue"))
    ax.set_ylim(min([*revenue, 0]) * HEADROOM, max([*revenue, 1]) * HEADROOM)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: compact(value)))
    revenue_axis = tr("Revenue ({currency})", currency=currency) if currency else tr("Revenue")
    ax.set_ylabel(revenue_axis, fontsize=LABEL_SIZE, color=REVENUE_COLOUR)
    ax.tick_params(labelsize=LABEL_SIZE, colors=MUTED_COLOUR)
    ax.spines[["top"]].set_visible(False)
    return line
