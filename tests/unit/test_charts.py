"""Charts: the data drawn (bars, labels, points) is checked on the figure, not on pixels; PNGs must be valid."""

from __future__ import annotations

import gc
import warnings
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.charts import (
    PNG_MAGIC,
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
    stage_colour,
)
from bot.charts.samples import (
    SAMPLE_WEEK,
    SAMPLES,
    sample_funnel,
    sample_journey_map,
    sample_kpi_trend,
    sample_ranking,
    write_sample_charts,
)
from bot.charts.style import FONT_FAMILY, shorten

EMPTY_CHARTS: dict[str, Callable[[], Figure]] = {
    "ranking": lambda: build_ranking_figure(RankingChart(())),
    "funnel": lambda: build_funnel_figure(FunnelChart(())),
    "kpi_trend": lambda: build_kpi_trend_figure(KpiTrendChart(())),
    "journey_map": lambda: build_journey_map_figure(JourneyMapChart(())),
}


def texts(ax: Axes) -> list[str]:
    return [text.get_text() for text in ax.texts]


def tick_labels(labels: list[Text]) -> list[str]:
    return [text.get_text() for text in labels]


def assert_png(png: bytes, *, min_bytes: int = 10_000) -> None:
    """A PNG signature, a chart-sized image (IHDR width and height) and more than a blank canvas's bytes."""
    assert png.startswith(PNG_MAGIC)
    assert png[12:16] == b"IHDR"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 900 and height >= 380
    assert len(png) > min_bytes


def render_strictly(figure: Figure) -> bytes:
    """Any warning while drawing (a missing glyph above all) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return render_png(figure)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_chart_renders_to_a_png_without_warnings(name: str) -> None:
    assert_png(render_strictly(SAMPLES[name]()))


@pytest.mark.parametrize("name", SAMPLES)
def test_every_text_uses_the_chart_font_whatever_the_global_defaults(name: str) -> None:
    with rc_context({"font.family": "serif", "font.serif": ["DejaVu Serif"]}):
        figure = SAMPLES[name]()
        drawn = [text for text in figure.findobj(Text) if text.get_text()]
        assert {tuple(text.get_fontfamily()) for text in drawn} == {(FONT_FAMILY,)}
        files = {Path(font_manager.findfont(text.get_fontproperties())).name for text in drawn}
        assert files <= {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}
        assert_png(render_strictly(figure))


def test_ranking_draws_one_bar_per_partner_best_at_the_top_with_score_and_movement() -> None:
    chart = sample_ranking()
    figure = build_ranking_figure(chart)
    ax = figure.axes[0]
    assert figure.get_suptitle() == "Partner ranking"
    assert [patch.get_width() for patch in ax.patches] == [bar.score for bar in chart.bars]
    assert tick_labels(ax.get_yticklabels()) == [shorten(bar.partner) for bar in chart.bars]
    top_bar_y = ax.transData.transform((0, ax.patches[0].get_y()))[1]
    assert top_bar_y > ax.transData.transform((0, ax.patches[-1].get_y()))[1]  # best drawn highest
    assert texts(ax)[:6] == ["88", "▲2", "81", "=", "76", "▼1"]
    assert "new" in texts(ax)


def test_long_partner_names_are_cut_at_28_characters_with_an_ellipsis() -> None:
    labels = tick_labels(build_ranking_figure(sample_ranking()).axes[0].get_yticklabels())
    assert "Umbrella Consulting & Partn…" in labels
    assert max(len(label) for label in labels) == 28


def test_ranking_shows_at_most_twenty_bars_and_says_how_many_were_left_out() -> None:
    chart = RankingChart(tuple(RankingBar(f"Partner {index}", 100 - index, None) for index in range(30)))
    ax = build_ranking_figure(chart).axes[0]
    assert len(ax.patches) == 20
    assert "top 20 of 30" in ax.get_xlabel()
    assert chart.alt_text().startswith("Partner ranking, top 20 of 30: 1. Partner 0 100 (new)")


def test_a_partner_name_with_dollar_signs_is_drawn_literally_not_as_mathematics() -> None:
    chart = RankingChart((RankingBar("$Cash$ & Co", 50, 1), RankingBar("Price $5", 40, -1)))
    assert_png(render_strictly(build_ranking_figure(chart)))


def test_funnel_draws_one_bar_per_stage_in_journey_order_in_stage_colours() -> None:
    chart = sample_funnel()
    figure = build_funnel_figure(chart)
    ax = figure.axes[0]
    assert figure.get_suptitle() == "Journey funnel"
    assert [patch.get_width() for patch in ax.patches] == [stage.partners for stage in chart.stages]
    assert tick_labels(ax.get_yticklabels()) == [stage.name for stage in chart.stages]
    assert [patch.get_facecolor() for patch in ax.patches] == [
        pytest.approx(to_rgba(stage_colour(index))) for index in range(len(chart.stages))
    ]
    assert texts(ax) == ["12 · median 18 d", "8 · median 26 d", "5 · median 41 d", "3 · median 63 d", "1 · median 20 d"]


def test_funnel_stage_without_a_median_shows_the_count_alone() -> None:
    ax = build_funnel_figure(FunnelChart((FunnelStage("Discovery", 0, None), FunnelStage("Support", 2, 4)))).axes[0]
    assert texts(ax)[:2] == ["0", "2 · median 4 d"]


def test_kpi_trend_has_twelve_weeks_of_bars_and_a_twelve_point_revenue_line() -> None:
    chart = sample_kpi_trend()
    figure = build_kpi_trend_figure(chart)
    bars_ax, revenue_ax = figure.axes
    assert figure.get_suptitle() == "Partner KPIs, last 12 weeks"
    heights = [patch.get_height() for patch in bars_ax.patches]
    assert heights == [week.leads for week in chart.weeks] + [week.deals for week in chart.weeks]
    (line,) = revenue_ax.lines
    assert list(line.get_ydata()) == [float(week.revenue) for week in chart.weeks]
    assert len(line.get_xdata()) == 12
    assert tick_labels(bars_ax.get_xticklabels())[-2:] == ["9 Nov", "16 Nov"]
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["Leads", "Deals", "Revenue (last week 21.2k PLN)"]
    assert revenue_ax.get_ylabel() == "Revenue (PLN)"


def test_a_week_nobody_reported_is_a_week_of_zeros_not_a_gap() -> None:
    chart = sample_kpi_trend()
    silent = chart.weeks[-5]
    assert silent == KpiWeek(SAMPLE_WEEK - timedelta(weeks=4), 0, 0, Decimal(0))
    revenue = build_kpi_trend_figure(chart).axes[1].lines[0].get_ydata()
    assert revenue[-5] == 0


def test_last_weeks_sums_figures_per_week_and_drops_those_outside_the_window() -> None:
    monday = date(2026, 11, 16)
    chart = KpiTrendChart.last_weeks(
        [
            KpiWeek(monday, 3, 1, Decimal("100.50")),
            KpiWeek(monday + timedelta(days=2), 2, 0, Decimal("0.50")),  # same week, mid-week date
            KpiWeek(monday - timedelta(weeks=12), 99, 9, Decimal(999)),  # thirteen weeks back: outside
            KpiWeek(monday + timedelta(weeks=1), 99, 9, Decimal(999)),  # the future: outside
        ],
        through=monday,
    )
    assert len(chart.weeks) == 12
    assert chart.weeks[0].week_start == monday - timedelta(weeks=11)
    assert chart.weeks[-1] == KpiWeek(monday, 5, 1, Decimal("101.00"))
    assert all(week.leads == week.deals == 0 for week in chart.weeks[:-1])


def test_journey_map_draws_partners_days_and_feedback_under_each_stage() -> None:
    chart = sample_journey_map()
    figure = build_journey_map_figure(chart)
    partners_ax, days_ax = figure.axes
    assert figure.get_suptitle() == "Journey map"
    assert [patch.get_height() for patch in partners_ax.patches] == [stage.partners for stage in chart.stages]
    assert [patch.get_facecolor() for patch in partners_ax.patches] == [
        pytest.approx(to_rgba(stage_colour(index))) for index in range(len(chart.stages))
    ]
    assert texts(partners_ax) == ["12", "8", "5", "3", "1"]
    labels = tick_labels(days_ax.get_xticklabels())
    assert [label.splitlines()[0] for label in labels] == [stage.name for stage in chart.stages]
    assert labels[0] == "Discovery"  # no feedback yet: nothing under the name
    assert labels[2] == "Onboarding\nCSAT 3.3 · NPS -20"
    assert labels[3] == "Support\nCSAT 4.5 · NPS +50"
    assert "max 120 d\nmedian 63 d" in texts(days_ax)


@pytest.mark.parametrize("name", EMPTY_CHARTS)
def test_empty_charts_render_with_a_no_data_note(name: str) -> None:
    figure = EMPTY_CHARTS[name]()
    assert "No data yet" in texts(figure.axes[0])
    assert_png(render_strictly(figure), min_bytes=5_000)


def test_stages_with_no_partners_still_show_their_names_and_the_no_data_note() -> None:
    chart = FunnelChart((FunnelStage("Discovery", 0, None), FunnelStage("Support", 0, None)))
    ax = build_funnel_figure(chart).axes[0]
    assert tick_labels(ax.get_yticklabels()) == ["Discovery", "Support"]
    assert "No data yet" in texts(ax)
    assert_png(render_strictly(build_journey_map_figure(JourneyMapChart((MapStage("Ромашка", 0, *[None] * 4),)))))
    quiet = KpiTrendChart.last_weeks([], through=SAMPLE_WEEK)
    assert "No data yet" in texts(build_kpi_trend_figure(quiet).axes[0])
    assert_png(render_strictly(build_kpi_trend_figure(quiet)))


def test_alt_text_is_one_plain_line_per_chart() -> None:
    assert (
        sample_ranking()
        .alt_text()
        .startswith(
            "Partner ranking: 1. Acme Integrations 88 (up 2), 2. Ромашка 81 (same place), 3. Żabka Tech 76 (down 1)"
        )
    )
    assert sample_funnel().alt_text().startswith("Journey funnel: Discovery 12 (median 18 d), Attraction 8")
    assert sample_kpi_trend().alt_text().startswith("Partner KPIs, 12 weeks from 31 Aug 2026 to 16 Nov 2026:")
    assert "Support 3 partners, median 63 d, max 120 d, CSAT 4.5 · NPS +50" in sample_journey_map().alt_text()
    for chart in (sample_ranking(), sample_funnel(), sample_kpi_trend(), sample_journey_map(), RankingChart(())):
        assert "\n" not in chart.alt_text()


def test_stage_colours_are_fixed_by_position_and_repeat_after_the_palette() -> None:
    assert stage_colour(0) == stage_colour(0) != stage_colour(1)
    assert len({stage_colour(index) for index in range(8)}) == 8
    assert stage_colour(8) == stage_colour(0)


def test_render_png_frees_the_figure_it_consumed() -> None:
    figure = build_funnel_figure(sample_funnel())
    render_png(figure)
    assert figure.axes == []
    assert type(figure.canvas).__name__ == "FigureCanvasBase"


@pytest.mark.parametrize("name", SAMPLES)
def test_render_png_frees_the_pixel_buffer_at_once(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without waiting for the cycle collector: a legend's reference cycle must not keep the buffer alive."""
    renderers: list[weakref.ref] = []
    original = FigureCanvasAgg.get_renderer

    def remembered(canvas: FigureCanvasAgg) -> object:
        renderer = original(canvas)
        renderers.append(weakref.ref(renderer))
        return renderer

    monkeypatch.setattr(FigureCanvasAgg, "get_renderer", remembered)
    gc.disable()
    try:
        render_png(SAMPLES[name]())
        assert renderers
        assert all(renderer() is None for renderer in renderers)
    finally:
        gc.enable()


def test_four_charts_render_from_four_threads_at_once_as_they_do_alone() -> None:
    alone = {name: render_png(build()) for name, build in SAMPLES.items()}
    with ThreadPoolExecutor(max_workers=4) as pool:
        rounds = [
            {name: pool.submit(lambda build=build: render_png(build())) for name, build in SAMPLES.items()}
            for _ in range(2)
        ]
        for futures in rounds:
            assert {name: future.result() for name, future in futures.items()} == alone


def test_write_sample_charts_writes_one_png_per_chart(tmp_path: Path) -> None:
    written = write_sample_charts(tmp_path / "charts")
    assert [path.name for path in written] == ["ranking.png", "funnel.png", "kpi_trend.png", "journey_map.png"]
    for path in written:
        assert_png(path.read_bytes())
