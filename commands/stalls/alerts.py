"""What people do from a stall alert or a line of the daily summary: open the partner's card, move the
partner, or snooze the alert.

Each answer is a Reply: a card, a form to open, or what was done. A line of a summary is rewritten in the
summary's stored message (an outbox update, never a channel or ts from the request); an older single alert is
rewritten from the channel and ts stored with it.
"""

from __future__ import annotations

from sqlmodel import Session

from commands.context import Invocation
from commands.registry.cards import partner_card
from commands.registry.parse import Advance
from commands.registry.partners import move_partner
from commands.replies import (
    AlertMessage,
    Choice,
    FormRejected,
    Notice,
    PostedMessage,
    Reply,
    StallAdvanceForm,
    StallAlertActedOn,
    StalledPartner,
    StallSnoozeForm,
)
from commands.stalls.listing import stalled_partner
from commands.stalls.summary import record_outcome
from domain.clock import local_date
from domain.errors import PartnerbotError
from domain.language import tr
from domain.stalls import snooze_expiry, snooze_reason
from storage import stalls as repository
from storage.tables import Partner, StallAlert


def alert_card(invocation: Invocation, alert: AlertMessage) -> Reply:
    """The "Open" button: the alerted partner's card."""
    with invocation.unit_of_work() as uow:
        _, partner = alert_and_partner(uow.session, invocation, alert.alert_id)
        return Reply(partner_card(uow.session, partner, invocation))


def advance_form(invocation: Invocation, alert: AlertMessage) -> Reply:
    """The "Advance…" button: a form to move the alerted partner to any stage."""
    with invocation.unit_of_work() as uow:
        _, partner = alert_and_partner(uow.session, invocation, alert.alert_id)
        stages = tuple(Choice(stage.key, stage.name) for stage in invocation.journey.stages)
    return Reply(modal=StallAdvanceForm(partner.name, stages, alert))


def snooze_form(invocation: Invocation, alert: AlertMessage) -> Reply:
    """The "Snooze" button: a form asking why the partner is waiting."""
    with invocation.unit_of_work() as uow:
        _, partner = alert_and_partner(uow.session, invocation, alert.alert_id)
    return Reply(modal=StallSnoozeForm(partner.name, alert))


def _rewrite(alert: AlertMessage, stored: StallAlert, done: StallAlertActedOn, in_summary: bool) -> Reply:
    if in_summary:
        return Reply(sends=True)
    if not stored.channel or not stored.message_ts:
        return Reply()
    return Reply(done, replaces=PostedMessage(stored.channel, stored.message_ts))


def submit_advance(alert: AlertMessage, partner: str, values: dict[str, str | None], invocation: Invocation) -> Reply:
    """The "Advance…" form: moves the partner and its summary line says where to and by whom (the summary's
    update an outbox step), in one transaction; an older single alert is rewritten after it."""
    stage = values.get("stage")
    if not stage:
        raise FormRejected({"stage": tr("Choose a stage.")})
    note = (values.get("note") or "").strip() or None
    with invocation.unit_of_work() as uow:
        try:
            moved = move_partner(uow.session, invocation, Advance.to(partner, stage, note))
        except PartnerbotError as error:
            raise FormRejected({"stage": error.message}) from None
        stored = repository.get_alert(session=uow.session, team_id=invocation.team_id, alert_id=alert.alert_id)
        in_summary = stored is not None and record_outcome(uow.session, invocation, stored, moved_to=moved.to_stage)
        uow.commit()
    if stored is None:
        moved_text = tr("{partner} moved to {stage}.", partner=moved.partner, stage=moved.to_stage)
        return Reply(Notice(moved_text, tone="success"))
    done = StallAlertActedOn(alert.posted_text, invocation.user_id, moved_to=moved.to_stage)
    return _rewrite(alert, stored, done, in_summary)


def submit_snooze(alert: AlertMessage, values: dict[str, str | None], invocation: Invocation) -> Reply:
    """The "Snooze" form: silences the alert for a week, then the alert (or its summary line) says until when."""
    try:
        stored, _, in_summary = snooze(invocation, alert.alert_id, values.get("reason"))
    except PartnerbotError as error:
        raise FormRejected({"reason": error.message}) from None
    assert stored.snoozed_until is not None
    done = StallAlertActedOn(
        alert.posted_text,
        invocation.user_id,
        snoozed_until=local_date(stored.snoozed_until, invocation.timezone),
        snooze_reason=stored.snooze_reason,
    )
    return _rewrite(alert, stored, done, in_summary)


def snooze(invocation: Invocation, alert_id: int, reason: str | None) -> tuple[StallAlert, StalledPartner, bool]:
    """Snoozes an alert (for SNOOZE_DAYS) with an optional reason, and its summary line says so, in one
    transaction; returns the alert, the partner's state, and whether a summary is being updated."""
    text = snooze_reason(reason)
    with invocation.unit_of_work() as uow:
        alert, partner = alert_and_partner(uow.session, invocation, alert_id)
        alert.snoozed_until = snooze_expiry(invocation.now)
        alert.snoozed_by, alert.snooze_reason = invocation.user_id, text
        uow.session.add(alert)
        entry = stalled_partner(uow.session, partner, invocation, alert)
        if entry is None:
            raise PartnerbotError(tr("{partner} is no longer stalled; nothing to snooze.", partner=partner.name))
        until = local_date(alert.snoozed_until, invocation.timezone)
        in_summary = record_outcome(uow.session, invocation, alert, until=until)
        uow.commit()
    return alert, entry, in_summary


def alert_and_partner(session: Session, invocation: Invocation, alert_id: int) -> tuple[StallAlert, Partner]:
    alert = repository.get_alert(session=session, team_id=invocation.team_id, alert_id=alert_id)
    if alert is None:
        raise PartnerbotError(tr("That alert no longer exists."))
    partner = session.get(Partner, alert.partner_id)
    assert partner is not None
    return alert, partner
