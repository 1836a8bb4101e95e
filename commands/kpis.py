"""`/partner kpi` (record, undo, report one partner) and `/partner kpis` (the program dashboard)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session

from commands.context import Invocation
from commands.grammar import joined, pair_fields, word_tokens
from commands.registry.lookup import require_active_partner, require_partner
from commands.replies import Figures, KpiRecorded, KpiReport, ProgramDashboard, Reply
from commands.tokens import ParseError, Token
from domain import kpis as catalog
from domain.clock import local_date
from domain.errors import InvalidField, PartnerbotError
from domain.language import tr
from domain.periods import ALL_TIME, Period, last_month, parse_day, this_month, this_quarter
from storage import activity
from storage import kpi_rollups as rollups
from storage import kpis as repository
from storage.handovers import flow_totals
from storage.registry import stage_counts
from storage.tables import Partner

ACTIVE_WINDOW_DAYS = 30
DATE_KEYS = ("on", "date", "day", "dnia", "дата")


def figures(session: Session, invocation: Invocation, period: Period, partner: Partner | None = None) -> Figures:
    totals = repository.totals(
        session=session,
        team_id=invocation.team_id,
        partner_id=partner.id if partner else None,
        start=period.start,
        end=period.end,
    )
    totals |= flow_totals(
        session=session,
        team_id=invocation.team_id,
        partner_id=partner.id if partner else None,
        start=period.start,
        end=period.end,
    )
    return Figures(tr(period.title), totals, catalog.derive(totals))


def month_over_month(current: Figures, previous: Figures) -> dict[str, str | None]:
    changes: dict[str, str | None] = {}
    for item in catalog.METRICS:
        changes[item.key] = catalog.change(
            current.totals.get(item.key, Decimal(0)), previous.totals.get(item.key, Decimal(0))
        )
    for key in ("handovers", "bonus"):  # from hand-overs and bonuses, when there are any
        if key in current.totals or key in previous.totals:
            changes[key] = catalog.change(current.totals.get(key, Decimal(0)), previous.totals.get(key, Decimal(0)))
    for derived in catalog.DERIVED:
        changes[derived.key] = catalog.change(current.derived.get(derived.key), previous.derived.get(derived.key))
    return changes


def standard_periods(invocation: Invocation) -> tuple[Period, Period, Period]:
    return this_month(invocation.now, invocation.timezone), last_month(invocation.now, invocation.timezone), ALL_TIME


def report(invocation: Invocation, name: str) -> Reply:
    with invocation.unit_of_work() as uow:
        partner = require_partner(uow.session, invocation, name)
        periods = tuple(figures(uow.session, invocation, p, partner) for p in standard_periods(invocation))
    return Reply(KpiReport(partner.name, periods, month_over_month(periods[0], periods[1])))


def checked_values(pairs: tuple[tuple[str, str], ...], invocation: Invocation) -> tuple[dict[str, Decimal], date]:
    """Metric values and the entry's local day, every pair checked before anything is stored."""
    today = local_date(invocation.now, invocation.timezone)
    on_date = today
    values: dict[str, Decimal] = {}
    for key, raw in pairs:
        if key.casefold() in DATE_KEYS:
            on_date = parse_day(raw, today, field="on") or today
            continue
        item = catalog.metric(key)
        if item.key in values:
            raise InvalidField(tr("{key} is given twice; give each metric once.", key=item.key))
        values[item.key] = catalog.metric_value(item, raw)
    if not values:
        raise InvalidField(tr("Which figures? e.g. `/partner kpi Acme leads=10 deals=2 revenue=5k`."))
    return values, on_date


def record(invocation: Invocation, name: str, pairs: tuple[tuple[str, str], ...]) -> Reply:
    values, on_date = checked_values(pairs, invocation)
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, name)
        repository.add_kpi_entry(
            session=uow.session,
            partner=partner,
            values=values,
            on_date=on_date,
            now=invocation.now,
            user=invocation.user_id,
        )
        uow.commit()
    return Reply(KpiRecorded(partner.name, on_date, tuple(values.items())), public=True)


def undo(invocation: Invocation, name: str) -> Reply:
    with invocation.unit_of_work() as uow:
        partner = require_partner(uow.session, invocation, name)
        entry = repository.last_entry(session=uow.session, partner=partner, user=invocation.user_id)
        if not entry:
            raise PartnerbotError(tr("You have no KPI entries for {partner} to undo.", partner=partner.name))
        repository.delete_entry(session=uow.session, team_id=invocation.team_id, entry_id=entry[0].entry_id)
        uow.commit()
    values = tuple((value.metric, Decimal(value.value)) for value in entry)
    return Reply(KpiRecorded(partner.name, entry[0].on_date, values, undone=True), public=True)


def program_figures(session: Session, invocation: Invocation, period: Period) -> Figures:
    """The whole program's figures for a period, from the daily sums."""
    totals = rollups.period_totals(session=session, team_id=invocation.team_id, start=period.start, end=period.end)
    totals |= flow_totals(
        session=session, team_id=invocation.team_id, partner_id=None, start=period.start, end=period.end
    )
    return Figures(tr(period.title), totals, catalog.derive(totals))


def program_dashboard(session: Session, invocation: Invocation) -> ProgramDashboard:
    zone, team = invocation.timezone, invocation.team_id
    month, quarter = this_month(invocation.now, zone), this_quarter(invocation.now, zone)
    since = invocation.now - timedelta(days=ACTIVE_WINDOW_DAYS)
    acquired = []
    for period in (month, quarter):
        start, end = period.utc_bounds(zone)
        assert start is not None and end is not None
        acquired.append(
            (tr(period.title), repository.count_registered(session=session, team_id=team, start=start, end=end))
        )
    active = activity.count_active(session=session, team_id=team, since=since)
    total = sum(stage_counts(session=session, team_id=team).values())
    periods = tuple(program_figures(session, invocation, p) for p in standard_periods(invocation))
    top = rollups.top_partners(session=session, team_id=team, metric="revenue")
    return ProgramDashboard(
        tuple(acquired), active, total, periods, month_over_month(periods[0], periods[1]), tuple(top)
    )


def dashboard(invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        return Reply(program_dashboard(uow.session, invocation))


@dataclass(frozen=True)
class Kpi:
    name: str
    fields: tuple[tuple[str, str], ...] = ()
    undo: bool = False


@dataclass(frozen=True)
class Kpis:
    pass


UNDO_WORDS = ("undo", "cofnij", "отменить", "отмена")


def parse_kpi(tokens: list[Token]) -> Kpi:
    words = word_tokens(tokens)
    undo = bool(words) and words[-1].text.casefold() in UNDO_WORDS and not words[-1].quoted
    name = joined(words[:-1] if undo else words)
    if not name:
        raise ParseError(
            tr("Which partner? Usage: `/partner kpi NAME [leads=10 deals=2 revenue=5k …] [on=2026-11-02]`")
        )
    return Kpi(name, pair_fields(tokens, "kpi"), undo)


def parse_kpis(tokens: list[Token]) -> Kpis:
    if tokens:
        raise ParseError(tr("`/partner kpis` takes no arguments; `/partner kpi NAME` shows one partner."))
    return Kpis()


def kpi(command: Kpi, invocation: Invocation) -> Reply:
    if command.undo:
        if command.fields:
            raise InvalidField(tr("`undo` removes your last entry; give it no figures: `/partner kpi Acme undo`."))
        return undo(invocation, command.name)
    if command.fields:
        return record(invocation, command.name, command.fields)
    return report(invocation, command.name)


def kpis(command: Kpis, invocation: Invocation) -> Reply:
    return dashboard(invocation)
