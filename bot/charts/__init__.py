"""Charts for the weekly digest, the journey map and the demo: plain data in, PNG bytes out.

Built with matplotlib's object-oriented API only (`Figure` + the Agg canvas), never `pyplot`: no global
figure registry, no backend switching, so charts can be built and rendered from several threads at once.

    png = render_png(build_ranking_figure(RankingChart(bars)))
"""

from __future__ import annotations

from io import BytesIO

from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.charts.data import (
    FunnelChart,
    FunnelStage,
    JourneyMapChart,
    KpiTrendChart,
    KpiWeek,
    MapStage,
    RankingBar,
    RankingChart,
)
from bot.charts.funnel import build_funnel_figure
from bot.charts.journey_map import build_journey_map_figure
from bot.charts.kpi_trend import build_kpi_trend_figure
from bot.charts.ranking import build_ranking_figure
from bot.charts.style import stage_colour

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PNG_COMPRESS_LEVEL = 1
"""zlib's fastest level: flat-coloured charts compress nearly as well, and encoding takes a fraction of the
default level's time (a third of a chart's render at level 6)."""


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


__all__ = [
    "PNG_MAGIC",
    "FunnelChart",
    "FunnelStage",
    "JourneyMapChart",
    "KpiTrendChart",
    "KpiWeek",
    "MapStage",
    "RankingBar",
    "RankingChart",
    "build_funnel_figure",
    "build_journey_map_figure",
    "build_kpi_trend_figure",
    "build_ranking_figure",
    "render_png",
    "stage_colour",
]
