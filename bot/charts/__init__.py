"""Charts for the weekly digest, the journey map and the demo: plain data in, PNG bytes out.

Built with matplotlib's object-oriented API only (`Figure` + the Agg canvas), never `pyplot`: no global
figure registry, no backend switching, so charts can be built and rendered from several threads at once.

    png = draw(RankingChart(bars))  # render_png(build_ranking_figure(chart)) for a figure of your own

Importing this package loads only the chart data (`bot.charts.data`); matplotlib is imported by
`bot.charts.drawing` when the first chart is drawn (`draw`, `render_png` and the builders are looked up
there on first use), so a worker that serves commands without charts stays small.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

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

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DRAWN_BY = {
    "draw": "bot.charts.drawing",
    "render_png": "bot.charts.drawing",
    "build_funnel_figure": "bot.charts.funnel",
    "build_journey_map_figure": "bot.charts.journey_map",
    "build_kpi_trend_figure": "bot.charts.kpi_trend",
    "build_ranking_figure": "bot.charts.ranking",
    "stage_colour": "bot.charts.style",
}
"""The names that need matplotlib, and the module that gives each (imported on first use)."""


def __getattr__(name: str) -> Any:
    if name in DRAWN_BY:
        return getattr(import_module(DRAWN_BY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "draw",
    "render_png",
    "stage_colour",
]
