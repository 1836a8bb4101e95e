"""Charts for messages posted in a channel (digest, journey map, alliance matrix): reply data in, chart
plans and named PNG files out."""

from __future__ import annotations

from dataclasses import dataclass

from bot import charts
from bot.alliance_charts import matrix_chart
from bot.breakdown_charts import breakdown_chart
from bot.charts.data import (
    BreakdownChart,
    FunnelChart,
    FunnelStage,
    JourneyMapChart,
    KpiTrendChart,
    KpiWeek,
    MapStage,
    MatrixChart,
    RankingBar,
    RankingChart,
)
from commands.replies import AllianceMatrix, JourneyMap, WeeklyDigest
from commands.replies.breakdowns import KpiBreakdown
from domain.language import tr

Chart = RankingChart | FunnelChart | KpiTrendChart | JourneyMapChart | MatrixChart | BreakdownChart


@dataclass(frozen=True)
class ChartPlan:
    """A chart to draw: what it shows, and the file it becomes."""

    filename: str
    title: str
    chart: Chart


@dataclass(frozen=True)
class ChartFile:
    filename: str
    title: str
    alt_text: str
    png: bytes


def digest_plans(digest: WeeklyDigest) -> list[ChartPlan]:
    """Ranking, journey funnel and the 12-week KPI trend."""
    ranking = RankingChart(tuple(RankingBar(r.partner, r.score, r.movement) for r in digest.ranking))
    funnel = FunnelChart(tuple(FunnelStage(f.stage, f.partners, f.median_days) for f in digest.funnel))
    trend = KpiTrendChart(tuple(KpiWeek(w.week_start, w.leads, w.deals, w.revenue) for w in digest.trend))
    return [
        ChartPlan("ranking.png", tr("Partner ranking"), ranking),
        ChartPlan("funnel.png", tr("Journey funnel"), funnel),
        ChartPlan("kpi-trend.png", tr("Partner KPIs, last 12 weeks"), trend),
    ]


def map_plans(journey: JourneyMap) -> list[ChartPlan]:
    chart = JourneyMapChart(
        tuple(MapStage(s.stage, s.partners, s.median_days, s.max_days, s.average_csat, s.nps) for s in journey.stages)
    )
    return [ChartPlan("journey-map.png", tr("Journey map"), chart)]


def plans_for(body: object) -> list[ChartPlan]:
    """The charts that go with a message posted in a channel (none for most)."""
    if isinstance(body, WeeklyDigest):
        return digest_plans(body)
    if isinstance(body, JourneyMap):
        return map_plans(body)
    if isinstance(body, AllianceMatrix):
        return [ChartPlan("alliance-matrix.png", tr("Alliance matrix"), matrix_chart(body))]
    if isinstance(body, KpiBreakdown) and body.grouping:
        chart = breakdown_chart(body)
        return [ChartPlan(f"kpis-by-{chart.grouping}.png", tr("KPIs by {grouping}", grouping=chart.grouping), chart)]
    return []


def render(plan: ChartPlan) -> ChartFile:
    """The chart drawn as a PNG (the slow part: the outbox sender does it, never while Slack waits for an ack;
    the first chart drawn imports matplotlib)."""
    png = charts.draw(plan.chart)
    return ChartFile(plan.filename, plan.title, plan.chart.alt_text(), png)


def charts_for(body: object) -> list[ChartFile]:
    return [render(plan) for plan in plans_for(body)]
