"""The alliance matrix as a heatmap: one row per type, one column per measure, shaded within each column.

Each column is shaded on its own scale (revenue and CSAT share no unit), darker is better; cells with no data
are grey and read "—", never 0.
"""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from bot.charts.data import MatrixChart
from bot.charts.style import LABEL_SIZE, MUTED_COLOUR, TEXT_COLOUR, label, new_figure, set_title, use_chart_font
from domain.language import N_, tr

TITLE = N_("Alliance matrix: the types on your own numbers")
EMPTY_COLOUR = "#eeeeee"
NOTE = N_("Darker is better within each column (for bonuses and days, lower is better) · — no data yet")


def _shades(chart: MatrixChart) -> list[list[float | None]]:
    """Per cell, its place between the column's lowest and highest value (0–1), flipped where lower is better."""
    shades: list[list[float | None]] = [[None] * len(chart.columns) for _ in chart.rows]
    for column in range(len(chart.columns)):
        values = [cells[column].value for _, cells in chart.rows if cells[column].value is not None]
        low, high = (min(values), max(values)) if values else (0.0, 0.0)
        for row, (_, cells) in enumerate(chart.rows):
            cell = cells[column]
            if cell.value is None:
                continue
            place = 0.5 if high == low else (cell.value - low) / (high - low)
            shades[row][column] = place if cell.higher_is_better else 1 - place
    return shades


def build_alliance_matrix_figure(chart: MatrixChart) -> Figure:
    columns, rows = chart.columns, chart.rows
    figure = new_figure(max(9.0, 1.25 * len(columns) + 2.5), 1.0 + 0.62 * max(len(rows), 1))
    set_title(figure, tr(TITLE))
    ax = figure.add_subplot()
    palette = colormaps["Blues"]
    for row, shade_row in enumerate(_shades(chart)):
        for column, shade in enumerate(shade_row):
            colour = EMPTY_COLOUR if shade is None else palette(0.15 + 0.6 * shade)
            ax.add_patch(Rectangle((column, row), 1, 1, facecolor=colour, edgecolor="white", linewidth=2))
            cell = rows[row][1][column]
            dark = shade is not None and shade > 0.6
            ax.text(
                column + 0.5, row + 0.5, cell.text, ha="center", va="center", fontsize=LABEL_SIZE,
                color="white" if dark else (MUTED_COLOUR if shade is None else TEXT_COLOUR),
            )
    ax.set_xlim(0, len(columns))
    ax.set_ylim(len(rows), 0)
    ax.set_xticks([c + 0.5 for c in range(len(columns))], [label(c, 14) for c in columns])
    ax.set_yticks([r + 0.5 for r in range(len(rows))], [label(name, 24) for name, _ in rows])
    ax.xaxis.tick_top()
    ax.tick_params(length=0, labelsize=LABEL_SIZE, colors=TEXT_COLOUR)
    ax.spines[:].set_visible(False)
    ax.set_xlabel(tr(NOTE), fontsize=LABEL_SIZE, color=MUTED_COLOUR)
    return use_chart_font(figure)
