"""`/partner target [NAME] metric=… per=month|quarter|year` and `/partner company-sales YYYY-MM AMOUNT`.

Actuals are the KPI entries dated in the current period (workspace time zone); the program's are the sums over
all active partners, one aggregate query per period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from commands.context import Invocation
from commands.grammar import joined, pair_fields, word_tokens
from commands.kpis import program_dashboard
from commands.registry.lookup import require_active_partner
from commands.replies import Reply
from commands.replies.targets import CompanySalesRecorded, DashboardWithTargets, SalesShare, TargetsView
from commands.tokens import ParseError, Token
from domain import kpis as catalog
from domain.amounts import parse_amount
from domain.clock import local_date
from domain.errors import InvalidField
from domain.language import N_, tr
from domain.periods import month_name, month_start, month_title, next_month, previous_month
from domain.targets import TargetProgress, current_period, partner_share, progress, target_period
from domain.words import fold
from storage import kpis as figures
from storage import targets as repository
from storage.tables import Partner

TARGET_USAGE = "`/partner target [NAME] revenue=500k leads=20 per=month|quarter|year` (`revenue=none` clears one)"
SALES_USAGE = "`/partner company-sales 2026-11 3.2m`"
PER_WORDS = {"month": N_("per month"), "quarter": N_("per quarter"), "year": N_("per year")}
_MONTH = re.compile(r"(\d{4})-(\d{1,2})|(\d{1,2})[./](\d{4})")


@dataclass(frozen=True)
class Target:
    name: str | None
    per: str | None
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RecordCompanySales:
    month: str
    amount: str


def parse_target(tokens: list[Token]) -> Target:
    fields = dict(pair_fields(tokens, "target"))
    per = fields.pop("per", None) or fields.pop("period", None)
    if per is not None and not fields:
        raise ParseError(tr("Give the figures to aim for along with per=. Usage: {usage}", usage=TARGET_USAGE))
    return Target(joined(word_tokens(tokens)) or None, per, tuple(fields.items()))


def parse_company_sales(tokens: list[Token]) -> RecordCompanySales:
    if len(tokens) != 2 or any(token.kind == "pair" for token in tokens):
        raise ParseError(tr("Give the month and the company's total sales. Usage: {usage}", usage=SALES_USAGE))
    return RecordCompanySales(tokens[0].text, tokens[1].text)


def _actuals(session: Session, invocation: Invocation, partner: Partner | None, per: str) -> dict[str, Decimal]:
    period = current_period(per, local_date(invocation.now, invocation.timezone))
    return figures.totals(
        session=session, team_id=invocation.team_id, partner_id=partner.id if partner else None,
        start=period.start, end=period.end,
    )


def target_progress(session: Session, invocation: Invocation, partner: Partner | None) -> tuple[TargetProgress, ...]:
    today = local_date(invocation.now, invocation.timezone)
    chosen = repository.targets(session=session, team_id=invocation.team_id, partner_id=partner.id if partner else None)
    actuals = {per: _actuals(session, invocation, partner, per) for per in {target.per for target in chosen}}
    return tuple(
        progress(t.metric, t.per, Decimal(t.amount), actuals[t.per].get(t.metric, Decimal(0)), today) for t in chosen
    )


def target(command: Target, invocation: Invocation) -> Reply:
    per = target_period(command.per) if command.per else "month"
    wanted = []
    for key, raw in command.values:
        item = catalog.metric(key)
        cleared = fold(raw) in ("none", "off", "-")
        wanted.append((item.key, None if cleared else catalog.metric_value(item, raw)))
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, command.name) if command.name else None
        for metric, amount in wanted:
            repository.set_target(
                session=uow.session, team_id=invocation.team_id, partner_id=partner.id if partner else None,
                metric=metric, amount=amount, per=per, now=invocation.now, user=invocation.user_id,
            )
        uow.session.flush()
        shown = target_progress(uow.session, invocation, partner)
        uow.commit()
    summary = None
    if wanted:
        metrics, every = ", ".join(metric for metric, _ in wanted), tr(PER_WORDS.get(per, per))
        summary = (
            tr("Targets for {partner} set ({metrics}), {every}.", partner=partner.name, metrics=metrics, every=every)
            if partner
            else tr("Targets for the program set ({metrics}), {every}.", metrics=metrics, every=every)
        )
    return Reply(TargetsView(partner.name if partner else None, shown, summary), public=bool(wanted))


def _month(raw: str, today: date) -> date:
    match = _MONTH.fullmatch(raw.strip())
    year, month = (match[1], match[2]) if match and match[1] else (match[4], match[3]) if match else (None, None)
    if year is None or month is None or not 1 <= int(month) <= 12:
        raise InvalidField(tr("'{raw}' is not a month; write 2026-11 or 11.2026. Usage: {usage}",
                              raw=raw, usage=SALES_USAGE))
    first = date(int(year), int(month), 1)
    if first > month_start(today):
        raise InvalidField(
            tr("{month} has not begun yet; record sales for a month that has.", month=month_name(first))
        )
    return first


def sales_share(session: Session, invocation: Invocation, month: date, sales: Decimal | None) -> SalesShare:
    revenue = figures.totals(session=session, team_id=invocation.team_id, start=month, end=next_month(month))
    partner_revenue = revenue.get("revenue", Decimal(0))
    share = partner_share(partner_revenue, sales) if sales is not None else None
    return SalesShare(month_title(month), partner_revenue, sales, share)


def company_sales(command: RecordCompanySales, invocation: Invocation) -> Reply:
    month = _month(command.month, local_date(invocation.now, invocation.timezone))
    amount = parse_amount(command.amount, what="company sales")
    with invocation.unit_of_work() as uow:
        before = repository.record_company_sales(
            session=uow.session, team_id=invocation.team_id, month=month, amount=amount, now=invocation.now,
            user=invocation.user_id,
        )
        share = sales_share(uow.session, invocation, month, amount)
        uow.commit()
    return Reply(CompanySalesRecorded(share, before), public=True)


def dashboard(invocation: Invocation) -> Reply:
    """`/partner kpis`: the program dashboard, then the program's targets and partners' share of company sales."""
    with invocation.unit_of_work() as uow:
        board = program_dashboard(uow.session, invocation)
        goals = target_progress(uow.session, invocation, None)
        this = month_start(local_date(invocation.now, invocation.timezone))
        months = [this, previous_month(this)]
        sales = repository.company_sales(session=uow.session, team_id=invocation.team_id, months=months)
        shares = tuple(sales_share(uow.session, invocation, m, sales[m]) for m in months if m in sales)
    return Reply(DashboardWithTargets(**vars(board), targets=goals, shares=shares))
