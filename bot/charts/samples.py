"""A fixed sample of every chart (Cyrillic and Polish names included), for the README, the bench and tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

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
from bot.charts.drawing import render_png
from bot.charts.funnel import build_funnel_figure
from bot.charts.journey_map import build_journey_map_figure
from bot.charts.kpi_trend import build_kpi_trend_figure
from bot.charts.ranking import build_ranking_figure

SAMPLE_WEEK = date(2026, 11, 16)  # a Monday


def sample_ranking() -> RankingChart:
    return RankingChart(
        (
            RankingBar("Acme Integrations", 87.5, 2),
            RankingBar("Ромашка", 81.25, 0),
            RankingBar("Żabka Tech", 76.0, -1),
            RankingBar("Umbrella Consulting & Partners International", 70.3, 3),
            RankingBar("Łódź Digital", 64.0, None),
            RankingBar("Северсталь Софт", 58.6, -2),
            RankingBar("Kraków Data Labs", 51.0, 1),
            RankingBar("Globex Corporation", 43.75, -3),
            RankingBar("Вектор Партнёрс", 35.0, None),
            RankingBar("Initech", 22.9, 0),
        )
    )


def sample_funnel() -> FunnelChart:
    return FunnelChart(
        (
            FunnelStage("Discovery", 12, 18.0),
            FunnelStage("Attraction", 8, 25.5),
            FunnelStage("Onboarding", 5, 41.0),
            FunnelStage("Support", 3, 63.0),
            FunnelStage("End goal", 1, 20.0),
        )
    )


def sample_kpi_trend() -> KpiTrendChart:
    """Eleven reported weeks and one silent one (four weeks back), which the chart shows as zeros."""
    reported = []
    for weeks_back in range(12):
        if weeks_back == 4:
            continue
        leads = 14 + (11 - weeks_back) * 2 + (5 if weeks_back % 3 == 0 else 0)
        deals = 2 + (11 - weeks_back) // 3
        reported.append(
            KpiWeek(SAMPLE_WEEK - timedelta(weeks=weeks_back), leads, deals, Decimal(deals) * Decimal("4250.00"))
        )
    return KpiTrendChart.last_weeks(reported, through=SAMPLE_WEEK, currency="PLN")


def sample_journey_map() -> JourneyMapChart:
    return JourneyMapChart(
        (
            MapStage("Discovery", 12, 18.0, 64.0, None, None),
            MapStage("Attraction", 8, 25.5, 47.0, Decimal("3.5"), 0),
            MapStage("Onboarding", 5, 41.0, 95.0, Decimal("3.25"), -20),
            MapStage("Support", 3, 63.0, 120.0, Decimal("4.5"), 50),
            MapStage("End goal", 1, 20.0, 20.0, Decimal("5"), 100),
        )
    )


SAMPLES: dict[str, Callable[[], Figure]] = {
    "ranking": lambda: build_ranking_figure(sample_ranking()),
    "funnel": lambda: build_funnel_figure(sample_funnel()),
    "kpi_trend": lambda: build_kpi_trend_figure(sample_kpi_trend()),
    "journey_map": lambda: build_journey_map_figure(sample_journey_map()),
}
"""Chart name → a fresh figure of its sample (a figure is consumed by `render_png`, so build one per render)."""


def write_sample_charts(folder: Path) -> list[Path]:
    """Render every sample chart into `folder` as NAME.png (creating the folder); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in SAMPLES.items():
        path = folder / f"{name}.png"
        path.write_bytes(render_png(build()))
        written.append(path)
    return written
