"""Partner ranking: one horizontal bar per partner, best at the top, score and weekly movement beside it."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bot.charts.data import RANKING_LIMIT, RankingBar, RankingChart, movement
from bot.charts.style import (
    DOWN_COLOUR,
    LABEL_SIZE,
    MUTED_COLOUR,
    TEXT_COLOUR,
    UP_COLOUR,
    VALUE_SIZE,
    label,
    new_figure,
    note_no_data,
    set_title,
    tidy_axes,
    use_chart_font,
)
from domain.language import N_, tr

TITLE = N_("Partner ranking")
BAR_COLOUR = "#0072B2"
SCORE_AXIS_END = 118
"""The axis runs past 100 so that "100 ▲12" still fits beside the longest possible bar."""


def build_ranking_figure(chart: RankingChart) -> Figure:
    bars = chart.bars[:RANKING_LIMIT]
    figure = new_figure(9, max(3.2, 1.3 + 0.42 * len(bars)))
    set_title(figure, tr(TITLE))
    ax = figure.add_subplot()
    tidy_axes(ax, grid_axis="x")
    if not bars:
        note_no_data(ax)
        return use_chart_font(figure)
    positions = range(len(bars))
    ax.barh(positions, [bar.score for bar in bars], height=0.65, color=BAR_COLOUR)
    ax.set_yticks(positions, [label(bar.partner) for bar in bars])
    ax.invert_yaxis()  # first bar, the best partner, at the top
    ax.set_xlim(0, SCORE_AXIS_END)
    ax.set_xticks(range(0, 101, 20))
    axis_label = tr("Score (0–100)")
    if len(chart.bars) > len(bars):
        axis_label += " · " + tr("top {shown} of {total} partners shown", shown=len(bars), total=len(chart.bars))
    ax.set_xlabel(axis_label, fontsize=LABEL_SIZE, color=TEXT_COLOUR)
    for position, bar in zip(positions, bars, strict=True):
        _write_values(ax, position, bar)
    return use_chart_font(figure)


def _write_values(ax: Axes, position: int, bar: RankingBar) -> None:
    """The score just past the bar's end, then the movement in green/red/grey a fixed distance further on."""
    score = max(bar.score, 0)
    ax.annotate(
        f"{bar.score:.0f}",
        xy=(score, position),
        xytext=(4, 0),
        textcoords="offset points",
        va="center",
        fontsize=VALUE_SIZE + 1,
        fontweight="bold",
        color=TEXT_COLOUR,
    )
    move = movement(bar.movement)
    colour = UP_COLOUR if move.startswith("▲") else DOWN_COLOUR if move.startswith("▼") else MUTED_COLOUR
    ax.annotate(
        move,
        xy=(score, position),
        xytext=(34, 0),
        textcoords="offset points",
        va="center",
        fontsize=VALUE_SIZE,
        color=colour,
    )
