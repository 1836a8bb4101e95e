"""Which of a type's weaknesses show in the team's own numbers now, with the number behind each.

Every weakness of a type (see `domain/alliances.py`) names a signal; a signal fires on measured data only,
never on missing data: an alliance with no leads is not told its conversion is low.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal, format_percent

from domain.alliances import AllianceStructure
from domain.language import current_locale, tr, trn

WAIT_LIMIT_HOURS = Decimal(24)
STALL_SHARE = Decimal("0.5")
STALL_MIN_CLIENTS = 3
"""A link is judged only after this many clients reached it: one client not passed on yet is no stall."""
CONCENTRATION_SHARE = Decimal("0.7")
QUIET_DAYS = 30
CYCLE_MARGIN = Decimal("1.25")


@dataclass(frozen=True)
class Link:
    """One partner — company — partner link (or partner → company when `to` is None) and what passed along it."""

    source: str
    to: str | None
    clients: int
    bonuses: Decimal = Decimal(0)


@dataclass(frozen=True)
class Measures:
    """One alliance (or partner) measured, next to the team's figures; None means no data."""

    conversion: Decimal | None = None
    team_conversion: Decimal | None = None
    csat: Decimal | None = None
    team_csat: Decimal | None = None
    median_wait_hours: Decimal | None = None
    links: tuple[Link, ...] = ()
    revenue_by_member: tuple[tuple[str, Decimal], ...] = ()
    revenue: Decimal | None = None
    bonuses: Decimal | None = None
    cost: Decimal | None = None
    days_since_handover: int | None = None
    members: int = 0
    cycle_days: Decimal | None = None
    team_cycle_days: Decimal | None = None


@dataclass(frozen=True)
class Advice:
    signal: str
    weakness: str
    recommendation: str
    evidence: str

    def text(self) -> str:
        return tr("{weakness}: {recommendation} ({evidence})", weakness=tr(self.weakness).lower(),
                  recommendation=tr(self.recommendation), evidence=self.evidence)


def pct(value: Decimal) -> str:
    """`35%`, `35 %` (ru), in the reader's locale."""
    return format_percent(value, "#,##0%", locale=current_locale())


def one_decimal(value: Decimal) -> str:
    return format_decimal(value, "0.0", locale=current_locale())


def whole(value: Decimal) -> str:
    """A whole number with its thousands grouped by a space (`12 345`), as every one of the three languages reads."""
    return format_decimal(value, "#,##0", locale=current_locale()).replace(",", " ")


def median(values: Iterable[Decimal | int | float]) -> Decimal | None:
    found = [Decimal(str(value)) for value in values]
    return Decimal(str(statistics.median(found))) if found else None


def _conversion(m: Measures) -> str | None:
    if m.conversion is None or m.team_conversion is None or m.conversion >= m.team_conversion:
        return None
    return tr("conversion {value} vs team median {team}", value=pct(m.conversion), team=pct(m.team_conversion))


def _csat(m: Measures) -> str | None:
    if m.csat is None or m.team_csat is None or m.csat >= m.team_csat:
        return None
    return tr("CSAT {value} vs team {team}", value=one_decimal(m.csat), team=one_decimal(m.team_csat))


def _wait(m: Measures) -> str | None:
    if m.median_wait_hours is None or m.median_wait_hours <= WAIT_LIMIT_HOURS:
        return None
    return tr("hand-overs wait {hours} h (median), over {limit} h", hours=whole(m.median_wait_hours),
              limit=whole(WAIT_LIMIT_HOURS))


def _stall(m: Measures) -> str | None:
    for before, link in zip(m.links, m.links[1:], strict=False):
        if before.clients >= STALL_MIN_CLIENTS and Decimal(link.clients) / before.clients < STALL_SHARE:
            after = link.to or tr("the company")
            return tr(
                "clients stall at {source} → {after}: {passed} of {reached} passed on ({share})", source=link.source,
                after=after, passed=link.clients, reached=before.clients,
                share=pct(Decimal(link.clients) / before.clients),
            )
    return None


def _concentration(m: Measures) -> str | None:
    total = sum((value for _, value in m.revenue_by_member), Decimal(0))
    if m.members < 2 or total <= 0:
        return None
    name, top = max(m.revenue_by_member, key=lambda item: item[1])
    share = top / total
    return tr("{name} brings {share} of the revenue",
              name=name, share=pct(share)) if share > CONCENTRATION_SHARE else None


def _bonus_roi(m: Measures) -> str | None:
    if not m.bonuses or m.revenue is None:
        return None
    spent = m.bonuses + (m.cost or 0)
    if m.revenue >= spent:
        return None
    return tr("bonuses and cost {spent} vs revenue {revenue}", spent=whole(spent), revenue=whole(m.revenue))


def _quiet(m: Measures) -> str | None:
    if m.members == 0 or m.days_since_handover is None or m.days_since_handover <= QUIET_DAYS:
        return None
    return trn("no hand-over for {count} day", "no hand-over for {count} days", m.days_since_handover)


def _cycle(m: Measures) -> str | None:
    if m.cycle_days is None or m.team_cycle_days is None or m.cycle_days <= m.team_cycle_days * CYCLE_MARGIN:
        return None
    return tr("discovery → end goal {days} days vs team median {team}", days=whole(m.cycle_days),
              team=whole(m.team_cycle_days))


SIGNALS: dict[str, Callable[[Measures], str | None]] = {
    "conversion": _conversion,
    "csat": _csat,
    "wait": _wait,
    "stall": _stall,
    "concentration": _concentration,
    "bonus_roi": _bonus_roi,
    "quiet": _quiet,
    "cycle": _cycle,
}


def advise(structure: AllianceStructure, measures: Measures) -> tuple[Advice, ...]:
    """The type's weaknesses whose signal fires on these measures, in the method's order."""
    found = []
    for weakness in structure.weaknesses:
        evidence = SIGNALS[weakness.signal](measures)
        if evidence:
            found.append(Advice(weakness.signal, weakness.title, weakness.recommendation, evidence))
    return tuple(found)


def advice_key(advice: Iterable[Advice]) -> str:
    """What is stored to notice a change: the signals that fire, not their numbers (those move every week)."""
    return ",".join(sorted({item.signal for item in advice}))


def roi(revenue: Decimal, cost: Decimal, bonuses: Decimal) -> Decimal | None:
    spent = cost + bonuses
    return None if spent == 0 else (revenue - spent) / spent
