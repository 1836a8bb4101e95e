"""Journey funnel: partners per stage, first stage at the top, each bar in its stage's colour."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.charts.data import FunnelChart, FunnelStage
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

TITLE = N_("Journey funnel")
LABEL_ROOM = 1.45
"""The count axis runs this far past the biggest bar, to leave room for "12 · median 18 d" beside it."""


def build_funnel_figure(chart: FunnelChart) -> Figure:
    stages = chart.stages
    figure = new_figure(9, max(3.2, 1.4 + 0.55 * len(stages)))
    set_title(figure, tr(TITLE))
    ax = figure.add_subplot()
    tidy_axes(ax, grid_axis="x")
    if not stages:
        note_no_data(ax)
        return use_chart_font(figure)
    positions = range(len(stages))
    counts = [stage.partners for stage in stages]
    bars = ax.barh(positions, counts, height=0.7, color=[stage_colour(index) for index in positions], edgecolor="white")
    ax.set_yticks(positions, [label(stage.name) for stage in stages])
    ax.invert_yaxis()  # the journey reads top to bottom, like a funnel
    ax.bar_label(bars, [_bar_text(stage) for stage in stages], padding=4, fontsize=VALUE_SIZE, color=TEXT_COLOUR)
    ax.set_xlim(0, max(max(counts), 1) * LABEL_ROOM)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(tr("Partners in stage"), fontsize=LABEL_SIZE, color=TEXT_COLOUR)
    if not any(counts):
        write_note(ax)
    return use_chart_font(figure)


def _bar_text(stage: FunnelStage) -> str:
    if stage.median_days is None:
        return str(stage.partners)
    return tr("{partners} · median {days}", partners=stage.partners, days=days(stage.median_days))
