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


def render_png(figure: Figure) -> bytes:
    """The figure as PNG bytes, at the figure's dpi (120 for the charts here).

    Consumes the figure: afterwards it is cleared and detached from the Agg canvas, so its artists and the
    canvas's pixel buffer are freed as soon as the caller drops it (without pyplot nothing else holds it).
    """
    canvas = FigureCanvasAgg(figure)
    buffer = BytesIO()
    try:
        canvas.print_png(buffer)
    finally:
        figure.clear()
        FigureCanvasBase(figure)  # the figure's canvas, and the renderer it caches, become garbage now
    return buffer.getvalue()


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
