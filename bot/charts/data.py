"""What each chart shows, as plain frozen dataclasses: no Slack, no database, no matplotlib.

Each chart also describes itself in one line of plain text (`alt_text()`), for Slack's file alt text and
for anyone who cannot see the image.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bot.views.format import day as _day
from bot.views.numbers import amount, decimal_one
from domain.language import current_language, tr, trn

ALT_TEXT_LIMIT = 1000
KPI_WEEKS = 12
RANKING_LIMIT = 20
"""Most bars the ranking chart draws; the rest are counted in a note, so the image stays readable."""


@dataclass(frozen=True)
class RankingBar:
    partner: str
    score: float
    """0–100."""
    movement: int | None
    """Places gained since last week (negative: lost); None for a partner not ranked then."""


@dataclass(frozen=True)
class RankingChart:
    bars: tuple[RankingBar, ...]
    """Best first, in the ranking's own order (ties are already broken)."""

    def alt_text(self) -> str:
        if not self.bars:
            return tr("Partner ranking: no partners scored yet.")
        shown = self.bars[:RANKING_LIMIT]
        items = ", ".join(
            f"{place}. {bar.partner} {bar.score:.0f} ({_moved(bar.movement)})" for place, bar in enumerate(shown, 1)
        )
        if len(self.bars) > len(shown):
            return _one_line(
                tr(
                    "Partner ranking, top {shown} of {total}: {items}.",
                    shown=len(shown),
                    total=len(self.bars),
                    items=items,
                )
            )
        return _one_line(tr("Partner ranking: {items}.", items=items))


@dataclass(frozen=True)
class FunnelStage:
    name: str
    partners: int
    median_days: float | None
    """Median days the partners now in this stage have spent in it; None when there are none."""


@dataclass(frozen=True)
class FunnelChart:
    stages: tuple[FunnelStage, ...]
    """In journey order."""

    def alt_text(self) -> str:
        if not any(stage.partners for stage in self.stages):
            return tr("Journey funnel: no partners yet.")
        items = [
            f"{stage.name} {stage.partners}"
            if stage.median_days is None
            else tr(
                "{stage} {partners} (median {days})",
                stage=stage.name,
                partners=stage.partners,
                days=days(stage.median_days),
            )
            for stage in self.stages
        ]
        return _one_line(tr("Journey funnel: {stages}.", stages=", ".join(items)))


@dataclass(frozen=True)
class KpiWeek:
    week_start: date
    leads: int
    deals: int
    revenue: Decimal


@dataclass(frozen=True)
class KpiTrendChart:
    weeks: tuple[KpiWeek, ...]
    """Consecutive weeks, oldest first; build with `last_weeks` so weeks without figures are zeros."""
    currency: str = ""
    """Written on the revenue axis, e.g. "PLN"; empty when the workspace has not said."""

    @classmethod
    def last_weeks(
        cls, figures: Iterable[KpiWeek], *, through: date, count: int = KPI_WEEKS, currency: str = ""
    ) -> KpiTrendChart:
        """`count` weeks ending with the week that starts on `through`, each the sum of the figures dated in it.

        A week nobody reported is a week of zeros, not a gap; figures outside the window are left out.
        """
        first = through - timedelta(weeks=count - 1)
        totals = [[0, 0, Decimal(0)] for _ in range(count)]
        for figure in figures:
            index = (figure.week_start - first).days // 7
            if 0 <= index < count:
                totals[index][0] += figure.leads
                totals[index][1] += figure.deals
                totals[index][2] += figure.revenue
        weeks = tuple(
            KpiWeek(first + timedelta(weeks=index), leads, deals, revenue)
            for index, (leads, deals, revenue) in enumerate(totals)
        )
        return cls(weeks, currency)

    def alt_text(self) -> str:
        if not self.weeks:
            return tr("Partner KPIs: no weeks to show yet.")
        leads = sum(week.leads for week in self.weeks)
        deals = sum(week.deals for week in self.weeks)
        revenue = sum((week.revenue for week in self.weeks), Decimal(0))
        last = self.weeks[-1]
        money = f" {self.currency}" if self.currency else ""
        return _one_line(
            tr(
                "Partner KPIs, {weeks} weeks from {first} to {last}: {leads} leads, {deals} deals, "
                "revenue {revenue} in total; latest week {last_leads} leads, {last_deals} deals, "
                "revenue {last_revenue}.",
                weeks=len(self.weeks),
                first=_day(self.weeks[0].week_start),
                last=_day(last.week_start),
                leads=leads,
                deals=deals,
                revenue=_money(revenue) + money,
                last_leads=last.leads,
                last_deals=last.deals,
                last_revenue=_money(last.revenue) + money,
            )
        )


@dataclass(frozen=True)
class MapStage:
    name: str
    partners: int
    median_days: float | None
    max_days: float | None
    average_csat: Decimal | None
    """1–5, from feedback given in this stage."""
    nps: int | None
    """−100…+100, from the same feedback."""


@dataclass(frozen=True)
class JourneyMapChart:
    stages: tuple[MapStage, ...]
    """In journey order."""

    def alt_text(self) -> str:
        if not self.stages:
            return tr("Journey map: no stages yet.")
        return _one_line(
            tr("Journey map: {stages}.", stages="; ".join(_map_stage_text(stage) for stage in self.stages))
        )


def movement(places: int | None) -> str:
    """A ranking move as the digest writes it: ▲2, ▼1, = (same place), new."""
    if places is None:
        return tr("new")
    if places == 0:
        return "="
    return f"▲{places}" if places > 0 else f"▼{-places}"


def csat_nps(stage: MapStage) -> str:
    """ "CSAT 4.2 · NPS +20", or the half that is known, or empty."""
    parts = []
    if stage.average_csat is not None:
        parts.append(f"CSAT {decimal_one(stage.average_csat.quantize(Decimal('0.1'), ROUND_HALF_UP))}")
    if stage.nps is not None:
        parts.append(f"NPS {stage.nps:+d}" if stage.nps else "NPS 0")
    return " · ".join(parts)


def _moved(places: int | None) -> str:
    if places is None:
        return tr("new")
    if places == 0:
        return tr("same place")
    return tr("up {places}", places=places) if places > 0 else tr("down {places}", places=-places)


def _map_stage_text(stage: MapStage) -> str:
    parts = [f"{stage.name} " + trn("{count} partner", "{count} partners", stage.partners)]
    if stage.median_days is not None:
        parts.append(tr("median {days}", days=days(stage.median_days)))
    if stage.max_days is not None:
        parts.append(tr("max {days}", days=days(stage.max_days)))
    feedback = csat_nps(stage)
    if feedback:
        parts.append(feedback)
    return ", ".join(parts)


def days(value: float) -> str:
    """Days on a chart or in its alt text, short: `18 d`, `18 дн.`, `18 dn.`."""
    return tr("{days} d", days=round(value))


def _money(value: Decimal) -> str:
    """`12,500` in English, as the alt text has always written it; the reader's own grouping elsewhere."""
    return f"{value:,.0f}" if current_language() == "en" else amount(value.quantize(Decimal(1)))


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= ALT_TEXT_LIMIT else flat[: ALT_TEXT_LIMIT - 1] + "…"


@dataclass(frozen=True)
class MatrixCell:
    text: str
    value: float | None
    higher_is_better: bool = True


@dataclass(frozen=True)
class MatrixChart:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[MatrixCell, ...]], ...]

    def alt_text(self) -> str:
        parts = [f"{name}: " + ", ".join(f"{c} {cell.text}" for c, cell in zip(self.columns, cells, strict=True))
                 for name, cells in self.rows]
        return tr("Alliance matrix. {cells}", cells="; ".join(parts))


@dataclass(frozen=True)
class BreakdownBar:
    label: str
    partners: int
    revenue: Decimal
    revenue_text: str
    """The revenue as the reader sees numbers (`15 000`), for the alt text."""


@dataclass(frozen=True)
class BreakdownChart:
    grouping: str
    bars: tuple[BreakdownBar, ...]

    def alt_text(self) -> str:
        parts = [
            trn("{label}: {revenue} from {count} partners", "{label}: {revenue} from {count} partners", bar.partners,
                label=bar.label, revenue=bar.revenue_text)
            for bar in self.bars
        ]
        return tr("Revenue by {grouping}: {bars}", grouping=self.grouping, bars="; ".join(parts))[:1000]
