"""The daily summary's claims come from the stalled SQL query, bounded, and equal what the old walk over
every active partner claimed, on both engines, over the seeded portfolio (here at 300 partners)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col

from bench.portfolio import build_portfolio, partner_name
from commands.context import Invocation
from commands.registry.cards import days_in_stage
from commands.replies import SummaryLine
from commands.stalls.listing import stalled_partner
from commands.stalls.summary import Claimed, claim_due
from commands.verbs import handle
from domain.journey import is_stalled
from domain.stalls import AlertDue, alert_due
from storage import stalls as repository
from storage.registry import active_partners
from storage.tables import StallAlert
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]
SIZE = 300


def old_claim_due(session: Session, invocation: Invocation) -> Claimed:
    """The claims as they were computed before: every active partner loaded and checked in Python."""
    claimed = Claimed()
    alerts = repository.alerts_for_team(session=session, team_id=invocation.team_id)
    for partner in active_partners(session=session, team_id=invocation.team_id):
        if not is_stalled(invocation.journey.get(partner.stage), days_in_stage(partner, invocation)):
            continue
        claimed.stalled += 1
        alert = alerts.get(partner.id or 0)
        due = alert_due(
            alerted=alert is not None, snoozed_until=alert.snoozed_until if alert else None, now=invocation.now
        )
        if due is AlertDue.FIRST:
            alert = repository.claim_new_alert(session=session, partner=partner, now=invocation.now)
        elif due is AlertDue.SNOOZE_ENDED and alert is not None:
            if not repository.claim_expired_snooze(session=session, alert=alert, now=invocation.now):
                continue
            session.refresh(alert)
        else:
            continue
        entry = stalled_partner(session, partner, invocation, alert) if alert is not None else None
        if alert is not None and entry is not None and alert.id is not None:
            line = SummaryLine(
                alert.id, entry.partner, entry.stage, entry.stage_key, entry.owner,
                entry.days - entry.threshold, entry.last_activity,
            )
            claimed.alerts.append((alert, line))
    return claimed


def _claims(invocation: Invocation, claim: Callable[[Session, Invocation], Claimed]) -> tuple[int, list[tuple]]:
    with invocation.unit_of_work() as uow:  # rolled back: each computation sees the same database
        claimed = claim(uow.session, invocation)
        lines = sorted((line.partner, line.stage_key, line.days_over, line.last_activity) for _, line in claimed.alerts)
    return claimed.stalled, lines


@pytest.fixture
def portfolio(engine: Engine, invocation_for: MakeInvocation) -> Invocation:
    build_portfolio(engine, team_id="T1", partners=SIZE, now=NOW)
    return invocation_for()


def test_the_first_run_claims_what_the_old_walk_claimed(portfolio: Invocation) -> None:
    stalled, lines = _claims(portfolio, claim_due)
    assert (stalled, lines) == _claims(portfolio, old_claim_due)
    assert 0 < len(lines) == stalled


def test_after_snoozes_and_moves_the_claims_still_agree(
    engine: Engine, portfolio: Invocation, invocation_for: MakeInvocation
) -> None:
    with portfolio.unit_of_work() as uow:
        claim_due(uow.session, portfolio)
        uow.commit()
    with engine.begin() as connection:
        ended, running = NOW - timedelta(hours=1), NOW + timedelta(days=3)
        connection.execute(update(StallAlert).where(col(StallAlert.id) % 3 == 0).values(snoozed_until=ended))
        connection.execute(update(StallAlert).where(col(StallAlert.id) % 3 == 1).values(snoozed_until=running))
    for number in range(5):
        handle(f'advance "{partner_name(number)}"', invocation_for(now=NOW - timedelta(days=400)))
    later = invocation_for(now=NOW + timedelta(days=1))
    stalled, lines = _claims(later, claim_due)
    assert (stalled, lines) == _claims(later, old_claim_due)
    assert 0 < len(lines) < stalled


def test_a_run_claims_at_most_its_limit_and_the_next_run_the_rest(portfolio: Invocation) -> None:
    everything = _claims(portfolio, old_claim_due)[1]
    seen = []
    for _ in range(len(everything) // 40 + 2):
        with portfolio.unit_of_work() as uow:
            claimed = claim_due(uow.session, portfolio, limit=40)
            uow.commit()
        assert len(claimed.alerts) <= 40
        seen += [(line.partner, line.stage_key, line.days_over, line.last_activity) for _, line in claimed.alerts]
    assert sorted(seen) == everything
