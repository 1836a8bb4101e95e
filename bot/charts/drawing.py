"""Drawing: the one place the bot's start-up path reaches matplotlib's Figure and Agg canvas.

`bot.charts` imports this module on the first chart drawn, so a worker that never draws one never loads
matplotlib and numpy (some 70 MiB of a 130 MiB process); the builders it imports do the same.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.charts.alliance_matrix import build_alliance_matrix_figure
from bot.charts.breakdown import build_breakdown_figure
from bot.charts.data import BreakdownChart, FunnelChart, JourneyMapChart, KpiTrendChart, MatrixChart, RankingChart
from bot.charts.funnel import build_funnel_figure
from bot.charts.journey_map import build_journey_map_figure
from bot.charts.kpi_trend import build_kpi_trend_figure
from bot.charts.ranking import build_ranking_figure

PNG_COMPRESS_LEVEL = 1
"""zlib's fastest level: flat-coloured charts compress nearly as well, and encoding takes a fraction of the
default level's time (a third of a chart's render at level 6)."""
BUILDERS: dict[type, Callable[[Any], Figure]] = {
    RankingChart: build_ranking_figure,
    FunnelChart: build_funnel_figure,
    KpiTrendChart: build_kpi_trend_figure,
    JourneyMapChart: build_journey_map_figure,
    MatrixChart: build_alliance_matrix_figure,
    BreakdownChart: build_breakdown_figure,
}


def draw(chart: object) -> bytes:
    """Any chart's data as PNG bytes."""
    return render_png(BUILDERS[type(chart)](chart))


def render_png(figure: Figure) -> bytes:
    """The figure as PNG bytes, at the figure's dpi (120 for the charts here).

    Consumes the figure: afterwards it is cleared and detached from the Agg canvas, so its artists and the
    canvas's pixel buffer (about 4 MB) are freed as soon as the caller drops it; without pyplot nothing else
    holds it.
    """
    canvas = FigureCanvasAgg(figure)
    buffer = BytesIO()
    try:
        canvas.print_png(buffer, pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
    finally:
        _forget_renderer(figure)
        figure.clear()
        FigureCanvasBase(figure)  # the Agg canvas, and the renderer it caches, lose their last reference
    return buffer.getvalue()


def _forget_renderer(figure: Figure) -> None:
    """Drop the renderer each drawn text keeps (`Text._renderer`, private in matplotlib).

    A legend lives in a reference cycle (it stores its own bound method in its box), so without this its
    texts would keep the renderer's pixel buffer alive until a full garbage collection, which in a large
    process can be hundreds of renders later. `test_render_png_frees_the_pixel_buffer_at_once` guards it.
    """
    for text in figure.findobj(Text):
        if hasattr(text, "_renderer"):
            text._renderer = None
