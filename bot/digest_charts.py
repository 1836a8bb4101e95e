"""Charts for messages posted in a channel (digest, journey map): reply data in, named PNG files out."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient

from bot.charts import (
    FunnelChart,
    FunnelStage,
    JourneyMapChart,
    KpiTrendChart,
    KpiWeek,
    MapStage,
    RankingBar,
    RankingChart,
    build_funnel_figure,
    build_journey_map_figure,
    build_kpi_trend_figure,
    build_ranking_figure,
    render_png,
)
from commands.replies import AllianceMatrix, JourneyMap, WeeklyDigest
from commands.replies.breakdowns import KpiBreakdown


@dataclass(frozen=True)
class ChartFile:
    filename: str
    title: str
    alt_text: str
    png: bytes


def digest_charts(digest: WeeklyDigest) -> list[ChartFile]:
    """Ranking, journey funnel and the 12-week KPI trend, rendered (the slow part: call off the ack path)."""
    ranking = RankingChart(tuple(RankingBar(r.partner, r.score, r.movement) for r in digest.ranking))
    funnel = FunnelChart(tuple(FunnelStage(f.stage, f.partners, f.median_days) for f in digest.funnel))
    trend = KpiTrendChart(tuple(KpiWeek(w.week_start, w.leads, w.deals, w.revenue) for w in digest.trend))
    return [
        ChartFile("ranking.png", "Partner ranking", ranking.alt_text(), render_png(build_ranking_figure(ranking))),
        ChartFile("funnel.png", "Journey funnel", funnel.alt_text(), render_png(build_funnel_figure(funnel))),
        ChartFile(
            "kpi-trend.png", "Partner KPIs, last 12 weeks", trend.alt_text(), render_png(build_kpi_trend_figure(trend))
        ),
    ]


def map_charts(journey: JourneyMap) -> list[ChartFile]:
    chart = JourneyMapChart(
        tuple(MapStage(s.stage, s.partners, s.median_days, s.max_days, s.average_csat, s.nps) for s in journey.stages)
    )
    return [ChartFile("journey-map.png", "Journey map", chart.alt_text(), render_png(build_journey_map_figure(chart)))]


def charts_for(body: object) -> list[ChartFile]:
    """The charts that go with a message posted in a channel (none for most)."""
    if isinstance(body, WeeklyDigest):
        return digest_charts(body)
    if isinstance(body, JourneyMap):
        return map_charts(body)
    if isinstance(body, AllianceMatrix):
        from bot.alliance_charts import matrix_charts  # it builds on this module's ChartFile

        return matrix_charts(body)
    if isinstance(body, KpiBreakdown) and body.grouping:
        from bot.breakdown_charts import breakdown_charts  # it builds on this module's ChartFile

        return breakdown_charts(body)
    return []


def upload_charts(client: WebClient, channel: str, thread_ts: str, charts: list[ChartFile]) -> None:
    """One files_upload_v2 call for all charts, in the digest's thread."""
    uploads = [
        {"content": chart.png, "filename": chart.filename, "title": chart.title, "alt_txt": chart.alt_text[:1000]}
        for chart in charts
    ]
    client.files_upload_v2(channel=channel, thread_ts=thread_ts, file_uploads=uploads)
