"""The look every chart shares: figure size and dpi, the font, the stage palette, labels and the empty note.

Everything is set per figure or per text, never through `rcParams`, so charts built in different threads
(or next to code that changes the global defaults) cannot affect each other.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_decimal
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.charts.data import days as days  # the charts take their short day counts from here
from domain.language import N_, current_locale, tr

DPI = 120
FONT_FAMILY = "DejaVu Sans"
"""Ships with matplotlib and has Latin, Polish diacritics and Cyrillic glyphs, plus ▲ ▼ · … used in labels."""

NAME_LIMIT = 28
NO_DATA = N_("No data yet")

TITLE_SIZE = 15
LABEL_SIZE = 10
VALUE_SIZE = 9
GRID_COLOUR = "#dddddd"
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#666666"
UP_COLOUR = "#1a7f37"
DOWN_COLOUR = "#c62828"

# Okabe–Ito colour-blind-safe colours, ordered so neighbouring stages differ clearly; yellow is left out
# because value labels written next to it on white are hard to read.
STAGE_PALETTE: tuple[str, ...] = (
    "#56B4E9",  # sky blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#8C8C8C",  # grey
    "#332288",  # indigo
)

_WHITESPACE = re.compile(r"\s+")


def stage_colour(index: int) -> str:
    """The colour of the stage at `index` (0-based position in the journey); repeats after eight stages."""
    return STAGE_PALETTE[index % len(STAGE_PALETTE)]


def shorten(name: str, limit: int = NAME_LIMIT) -> str:
    """A name fit for a chart label: one line, at most `limit` characters, cut with "…"."""
    text = _WHITESPACE.sub(" ", name).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain(text: str) -> str:
    """Typed text drawn literally: matplotlib reads a pair of `$` as mathematics, `\\$` is a dollar sign."""
    return text.replace("$", r"\$")


def label(name: str, limit: int = NAME_LIMIT) -> str:
    return plain(shorten(name, limit))


def compact(value: float | Decimal) -> str:
    """Money on an axis: 950, 12.5k, 1.2M (12,5 тыс., 1,2 mln) — short enough for a tick label, no offset text."""
    number = float(value)
    for divisor, suffix in ((1e9, N_("{number}B")), (1e6, N_("{number}M")), (1e3, N_("{number}k"))):
        if abs(number) >= divisor:
            return tr(suffix, number=format_decimal(round(number / divisor, 1), format="0.#", locale=current_locale()))
    return f"{number:.0f}"


def new_figure(width: float, height: float) -> Figure:
    """A white figure with constrained layout, so long labels push the plot area instead of being cut off."""
    return Figure(figsize=(width, height), dpi=DPI, layout="constrained", facecolor="white")


def set_title(figure: Figure, title: str) -> None:
    figure.suptitle(title, fontsize=TITLE_SIZE, fontweight="bold", color=TEXT_COLOUR)


def tidy_axes(ax: Axes, *, grid_axis: str) -> None:
    """Light grid behind the data along the value axis, no top/right frame."""
    ax.set_axisbelow(True)
    ax.grid(axis=grid_axis, color=GRID_COLOUR, linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=LABEL_SIZE, colors=TEXT_COLOUR)


def write_note(ax: Axes, message: str = NO_DATA) -> None:
    """A note centred on the plot area, over whatever is drawn there (e.g. all-zero bars)."""
    ax.text(0.5, 0.5, tr(message), transform=ax.transAxes, ha="center", va="center", fontsize=14, color=MUTED_COLOUR)


def note_no_data(ax: Axes, message: str = NO_DATA) -> None:
    """Replace an empty plot by a centred note; the figure still renders like any other."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines[:].set_visible(False)
    ax.grid(False)
    write_note(ax, message)


def use_chart_font(figure: Figure) -> Figure:
    """Give every text in the figure the chart font and switch off TeX.

    Called last by each builder. Tick labels made later, at draw time, copy the first tick's font, and
    `labelfontfamily` covers any made from scratch.
    """
    for ax in figure.axes:
        ax.tick_params(axis="both", which="both", labelfontfamily=FONT_FAMILY)
    for text in figure.findobj(Text):
        text.set_fontfamily(FONT_FAMILY)
        text.set_usetex(False)
    return figure
