"""Journey map: partners per stage (top panel) and days spent in it (bottom panel), feedback under each stage."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from bot.charts.data import JourneyMapChart, MapStage, csat_nps
from bot.charts.style import (
    LABEL_SIZE,
    TEXT_COLOUR,
    VALUE_SIZE,
    days,
    label,
    new_figure,
    note_no_data,
    set_title,
    stage_colour,
    tidy_axes,
    use_chart_font,
    write_note,
)
from domain.language import N_, tr

TITLE = N_("Journey map")
STAGE_NAME_LIMIT = 22
"""Stage names sit side by side under the bars, so they get less room than partner names."""
HEADROOM = 1.35


def build_journey_map_figure(chart: JourneyMapChart) -> Figure:
    stages = chart.stages
    figure = new_figure(max(9.0, 2.1 * len(stages) + 1.2), 7.2)
    set_title(figure, tr(TITLE))
    if not stages:
        ax = figure.add_subplot()
        tidy_axes(ax, grid_axis="y")
        note_no_data(ax)
        return use_chart_font(figure)
    partners_ax, days_ax = figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    positions = list(range(len(stages)))
    _draw_partners(partners_ax, positions, stages)
    _draw_days(days_ax, positions, stages)
    days_ax.set_xticks(positions, [_stage_label(stage) for stage in stages])
    days_ax.set_xlim(-0.6, len(stages) - 0.4)
    figure.legend(
        handles=[
            Line2D([], [], color=TEXT_COLOUR, marker="o", linestyle="", label=tr("median days in stage")),
            Line2D([], [], color=TEXT_COLOUR, marker="^", linestyle="", label=tr("longest (max) days in stage")),
        ],
        loc="outside lower center",
        ncols=2,
        frameon=False,
        fontsize=LABEL_SIZE,
    )
    return use_chart_font(figure)


def _draw_partners(ax: Axes, positions: list[int], stages: tuple[MapStage, ...]) -> None:
    tidy_axes(ax, grid_axis="y")
    counts = [stage.partners for stage in stages]
    bars = ax.bar(positions, counts, 0.6, color=[stage_colour(index) for index in positions])
    ax.bar_label(bars, [str(count) for count in counts], padding=3, fontsize=VALUE_SIZE + 1, fontweight="bold")
    ax.set_ylim(0, max([*counts, 1]) * 1.18)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(tr("Partners"), fontsize=LABEL_SIZE, color=TEXT_COLOUR)
    if not any(counts):
        write_note(ax)


def _draw_days(ax: Axes, positions: list[int], stages: tuple[MapStage, ...]) -> None:
    """Median as a dot and max as a triangle joined by a line, with both values written above the triangle."""
    tidy_axes(ax, grid_axis="y")
    ax.set_ylabel(tr("Days in stage"), fontsize=LABEL_SIZE, color=TEXT_COLOUR)
    known = [value for stage in stages for value in (stage.median_days, stage.max_days) if value is not None]
    ax.set_ylim(0, max([*known, 1]) * HEADROOM)
    for position, stage in zip(positions, stages, strict=True):
        colour = stage_colour(position)
        median, longest = stage.median_days, stage.max_days
        if median is not None and longest is not None:
            ax.plot([position, position], [median, longest], color=colour, linewidth=2, alpha=0.6)
        if median is not None:
            ax.plot([position], [median], marker="o", markersize=8, color=colour)
        if longest is not None:
            ax.plot([position], [longest], marker="^", markersize=8, color=colour)
        lines = [tr("max {days}", days=days(longest))] if longest is not None else []
        lines += [tr("median {days}", days=days(median))] if median is not None else []
        if lines:
            top = max(value for value in (median, longest) if value is not None)
            ax.annotate(
                "\n".join(lines),
                xy=(position, top),
                xytext=(0, 9),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=VALUE_SIZE,
                color=TEXT_COLOUR,
            )
    if not known:
        write_note(ax, N_("No time-in-stage data yet"))


def _stage_label(stage: MapStage) -> str:
    """The stage name, with "CSAT 4.2 · NPS +20" on a second line when feedback is known."""
    feedback = csat_nps(stage)
    name = label(stage.name, STAGE_NAME_LIMIT)
    return f"{name}\n{feedback}" if feedback else name
