"""Views rendered in Russian and Polish: translated words, the three plural forms, numbers and dates by Babel."""

from __future__ import annotations

import json
import warnings
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from matplotlib.text import Text

import bot.views  # noqa: F401  (registers every builder)
from bot.charts import build_kpi_trend_figure, render_png
from bot.charts.samples import sample_journey_map, sample_kpi_trend
from bot.views.blocks import build_reply_blocks
from bot.views.feedback import feedback_lines
from bot.views.format import day, days, moment
from bot.views.home import build_home_view
from bot.views.kpis import kpi_line
from bot.views.numbers import amount, percent, ratio_percent
from bot.views.scoring.summary import score_lines
from bot.views.text import blocks_to_mrkdwn
from commands.replies import (
    FeedbackSummary,
    Figures,
    HomeOverview,
    JourneyOverview,
    MoveLine,
    PartnerCard,
    ScoreSummary,
    StageMoved,
    StallSummary,
    SummaryLine,
)
from domain.language import speaking

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "30 Nov 2026 · 1 day · 2 days · 5 days · 21 days"),
        ("ru", "30 ноября 2026 · 1 день · 2 дня · 5 дней · 21 день"),
        ("pl", "30 listopada 2026 · 1 dzień · 2 dni · 5 dni · 21 dni"),
    ],
)
def test_dates_and_day_counts_follow_the_readers_language(language: str, expected: str) -> None:
    with speaking(language):
        assert " · ".join([day(date(2026, 11, 30)), *(days(n) for n in (1, 2, 5, 21))]) == expected


def test_a_moment_keeps_the_twenty_four_hour_clock() -> None:
    with speaking("pl"):
        assert moment(datetime(2026, 3, 2, 14, 5)) == "2 marca 2026 14:05"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["12 345.50", "5 000", "20.0%", "+525%", "-30%"]),
        ("ru", [f"12{NBSP}345,50", f"5{NBSP}000", f"20,0{NBSP}%", f"+525{NBSP}%", f"-30{NBSP}%"]),
        ("pl", [f"12{NBSP}345,50", f"5{NBSP}000", "20,0%", "+525%", "-30%"]),
    ],
)
def test_money_and_percentages_follow_the_readers_locale(language: str, expected: list[str]) -> None:
    with speaking(language):
        shown = [
            amount(Decimal("12345.5")),
            amount(Decimal("5000")),
            percent(Decimal("0.2")),
            ratio_percent(Decimal("5.25")),
            ratio_percent(Decimal("-0.3")),
        ]
    assert shown == expected


def _text(body: object) -> str:
    return blocks_to_mrkdwn([block.to_dict() for block in build_reply_blocks(body)])


def _card(days_in_stage: int) -> PartnerCard:
    return PartnerCard(
        name="Żabka & Co",
        stage="Onboarding",
        stage_key="onboarding",
        stage_since=date(2026, 10, 1),
        days_in_stage=days_in_stage,
        stalled=True,
        owner="U02BOB",
        type="reseller",
        size=None,
        segment=None,
        alliance=None,
        notes=None,
        archived=False,
        moves=(MoveLine(datetime(2026, 10, 1, 9, tzinfo=UTC), "Discovery", "Onboarding", "U01ANNA", "kick-off"),),
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["*Stage:* Onboarding · 21 days (since 1 Oct 2026)", "*stalled*", "*Owner*", "*Recent moves*"]),
        ("ru", ["*Этап:* Onboarding · 21 день (с 1 октября 2026)", "*завис*", "*Ответственный*", "«kick-off»"]),
        ("pl", ["*Etap:* Onboarding · 21 dni (od 1 października 2026)", "*utknął*", "*Opiekun*", "„kick-off”"]),
    ],
)
def test_the_partner_card_speaks_the_readers_language(language: str, expected: list[str]) -> None:
    with speaking(language):
        text = _text(_card(21))
    assert all(part in text for part in expected), text
    assert "Żabka &amp; Co" in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", ["1 партнёр в архиве не учтён.", "3 партнёра в архиве не учтены.", "5 партнёров в архиве не учтены."]),
        (
            "pl",
            [
                "1 partner w archiwum nie jest liczony.",
                "3 partnerzy w archiwum nie są liczeni.",
                "5 partnerów w archiwum nie jest liczonych.",
            ],
        ),
    ],
)
def test_the_journey_counts_archived_partners_in_three_plural_forms(language: str, expected: list[str]) -> None:
    with speaking(language):
        texts = [_text(JourneyOverview(stages=(), archived=n)) for n in (1, 3, 5)]
    assert [text.splitlines()[-1] for text in texts] == expected


def test_a_move_backwards_is_one_whole_sentence_in_polish() -> None:
    moved = StageMoved("Acme", "Support", "Discovery", 2, backwards=True, note=None, by="U01ANNA")
    with speaking("pl"):
        text = _text(moved)
    assert "*Acme* cofnięty *wstecz* Support → Discovery (po 2 dni na etapie Support)." in text
    assert "To krok wstecz na ścieżce partnera." in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["1 partner newly stalled", "2 partners newly stalled", "5 partners newly stalled"]),
        ("ru", ["1 партнёр только что завис", "2 партнёра только что зависли", "5 партнёров только что зависли"]),
        ("pl", ["1 partner właśnie utknął", "2 partnerzy właśnie utknęli", "5 partnerów właśnie utknęło"]),
    ],
)
def test_the_stall_summary_counts_in_three_plural_forms(language: str, expected: list[str]) -> None:
    with speaking(language):
        headers = [_text(StallSummary(new=n, stalled=0, lines=())) for n in (1, 2, 5)]
    assert headers == [f":hourglass: *{text}*" for text in expected]


def test_the_stall_summary_menu_and_more_button_are_translated() -> None:
    line = SummaryLine(7, "Acme", "Support", "support", "U02BOB", 3, "last touch 2 Nov")
    with speaking("ru"):
        blocks = [b.to_dict() for b in build_reply_blocks(StallSummary(new=1, stalled=4, lines=(line,), more=2))]
    text = json.dumps(blocks, ensure_ascii=False)
    for part in ("(всего зависли: 4)", "порог превышен на 3 дня", "Отложить на 7 дней", "…и ещё 2.", "Показать всех"):
        assert part in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["*Score:* 72/100 · 1 rater · ▲4 from 68", "2 raters", "5 raters", "Strongest: Fit (4.5)"]),
        ("ru", ["*Оценка:* 72/100 · 1 оценщик · ▲4 с 68", "2 оценщика", "5 оценщиков", "Сильные стороны: Fit (4,5)"]),
        (
            "pl",
            [
                "*Ocena:* 72/100 · 1 oceniający · ▲4 od 68",
                "2 oceniających",
                "5 oceniających",
                "Najmocniejsze: Fit (4,5)",
            ],
        ),
    ],
)
def test_a_score_reads_in_the_readers_language_with_local_decimals(language: str, expected: list[str]) -> None:
    with speaking(language):
        lines = [score_lines(ScoreSummary(72.2, n, 68.0, (("Fit", 4.5),), (("Size", 2.0),))) for n in (1, 2, 5)]
    first, second, third = ("\n".join(found) for found in lines)
    assert expected[0] in first and expected[1] in second and expected[2] in third and expected[3] in first


def test_a_partners_kpi_line_uses_russian_words_and_grouping() -> None:
    figures = Figures(
        "Ноябрь 2026",
        {"leads": Decimal(12), "revenue": Decimal("125000.5"), "handovers": Decimal(3)},
        {"lead_to_deal": Decimal("0.25")},
    )
    with speaking("ru"):
        line = kpi_line(figures)
    assert line == f"*Ноябрь 2026:* Лиды 12 · Выручка 125{NBSP}000,50 · передано клиентов 3 · лид → сделка 25,0{NBSP}%"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["1 answer", "3 answers", "5 answers", "average CSAT 4.5"]),
        ("ru", ["1 ответ", "3 ответа", "5 ответов", "средний CSAT 4,5"]),
        ("pl", ["1 odpowiedź", "3 odpowiedzi", "5 odpowiedzi", "średni CSAT 4,5"]),
    ],
)
def test_feedback_on_the_card_counts_answers_in_each_language(language: str, expected: list[str]) -> None:
    def summary(responses: int) -> FeedbackSummary:
        when = datetime(2026, 11, 2, 10, tzinfo=UTC)
        return FeedbackSummary(responses, when, "Support", "U01ANNA", None, 5, 9, Decimal("4.5"), None, ())

    with speaking(language):
        lines = [feedback_lines(summary(n))[1] for n in (1, 3, 5)]
    assert [line.split(" · ")[0] for line in lines] == expected[:3]
    assert expected[3] in lines[0]


@pytest.mark.parametrize(
    ("language", "title", "ticks"),
    [
        ("ru", "KPI партнёров за последние 12 недель", ["Лиды", "Сделки", "Выручка (за последнюю неделю"]),
        ("pl", "KPI partnerów z ostatnich 12 tygodni", ["Leady", "Transakcje", "Przychód (ostatni tydzień"]),
    ],
)
def test_charts_draw_their_titles_legends_and_dates_in_the_readers_language(
    language: str, title: str, ticks: list[str]
) -> None:
    with speaking(language), warnings.catch_warnings():
        warnings.simplefilter("error")  # a glyph missing from the chart font is a warning: fail on it
        figure = build_kpi_trend_figure(sample_kpi_trend())
        texts = [text.get_text() for text in figure.findobj(Text)]
        render_png(figure)
        alt_text = sample_journey_map().alt_text()
    assert title in texts
    assert all(any(text.startswith(tick) for text in texts) for tick in ticks)
    assert any(month in text for text in texts for month in ("нояб.", "lis"))
    assert alt_text.startswith("Карта пути партнёра:" if language == "ru" else "Mapa ścieżki partnera:")


def test_the_home_tab_speaks_polish() -> None:
    home = HomeOverview("U01ANNA", (), JourneyOverview(stages=(), archived=0), questionnaires_waiting=("Acme",))
    with speaking("pl"):
        view = json.dumps(build_home_view(home).to_dict(), ensure_ascii=False)
    for part in ("Twoi partnerzy", "Dodaj partnera", "Oceń *Acme*", "Odpowiedz", "Nie prowadzisz jeszcze"):
        assert part in view
