"""What people do from a posted stall alert: open its partner's card, move the partner, or snooze the alert.

Each answer is a Reply: a card, a form to open, or the alert rewritten to say what was done.
"""

from __future__ import annotations

from commands.context import Invocation
from commands.registry.cards import partner_card
from commands.registry.parse import Advance
from commands.registry.partners import advance
from commands.replies import (
    AlertMessage,
    Choice,
    FormRejected,
    PostedMessage,
    Reply,
    StageMoved,
    StallAdvanceForm,
    StallAlertActedOn,
    StallSnoozeForm,
)
from commands.stalls import alert_and_partner, snooze
from domain.clock import local_date
from domain.errors import PartnerbotError


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


def _rewrite(alert: AlertMessage, done: StallAlertActedOn) -> Reply:
    if not alert.channel or not alert.ts:
        return Reply()
    return Reply(done, replaces=PostedMessage(alert.channel, alert.ts))


def submit_advance(alert: AlertMessage, partner: str, values: dict[str, str | None], invocation: Invocation) -> Reply:
    """The "Advance…" form: moves the partner, then the alert says where to and by whom."""
    stage = values.get("stage")
    if not stage:
        raise FormRejected({"stage": "Choose a stage."})
    note = (values.get("note") or "").strip() or None
    try:
        moved = advance(Advance.to(partner, stage, note), invocation).body
    except PartnerbotError as error:
        raise FormRejected({"stage": error.message}) from None
    assert isinstance(moved, StageMoved)
    return _rewrite(alert, StallAlertActedOn(alert.posted_text, invocation.user_id, moved_to=moved.to_stage))


def submit_snooze(alert: AlertMessage, values: dict[str, str | None], invocation: Invocation) -> Reply:
    """The "Snooze" form: silences the alert for a week, then the alert says until when and why."""
    try:
        stored, _ = snooze(invocation, alert.alert_id, values.get("reason"))
    except PartnerbotError as error:
        raise FormRejected({"reason": error.message}) from None
    assert stored.snoozed_until is not None
    done = StallAlertActedOn(
        alert.posted_text,
        invocation.user_id,
        snoozed_until=local_date(stored.snoozed_until, invocation.timezone),
        snooze_reason=stored.snooze_reason,
    )
    return _rewrite(alert, done)
