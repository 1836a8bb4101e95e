"""What people do from a posted stall alert: open its partner's card, move the partner, or snooze the alert.

Each answer is a Reply: a card, a form to open, or the alert rewritten to say what was done.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

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
from storage.stalls import get_alert
from storage.unit_of_work import UnitOfWork


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


def _rewrite(where: PostedMessage | None, done: StallAlertActedOn) -> Reply:
    """The alert rewritten where it was posted, as stored when it was posted: never where a form says."""
    return Reply(done, replaces=where) if where is not None else Reply()


def _stored_location(session: Session, invocation: Invocation, alert_id: int) -> PostedMessage | None:
    stored = get_alert(session=session, team_id=invocation.team_id, alert_id=alert_id)
    if stored is None or not stored.channel or not stored.message_ts:
        return None
    return PostedMessage(stored.channel, stored.message_ts)


def submit_advance(alert: AlertMessage, partner: str, values: dict[str, str | None], invocation: Invocation) -> Reply:
    """The "Advance…" form: moves the partner, then the alert says where to and by whom."""
    stage = values.get("stage")
    if not stage:
        raise FormRejected({"stage": "Choose a stage."})
    note = (values.get("note") or "").strip() or None
    where: list[PostedMessage | None] = []

    def locate(session: Session) -> None:
        where.append(_stored_location(session, invocation, alert.alert_id))

    def database() -> UnitOfWork:  # the alert's place is read in the move's own session
        return invocation.database().on_begin(locate)

    try:
        moved = advance(Advance(partner, stage, note), replace(invocation, database=database)).body
    except PartnerbotError as error:
        raise FormRejected({"stage": error.message}) from None
    assert isinstance(moved, StageMoved)
    done = StallAlertActedOn(alert.posted_text, invocation.user_id, moved_to=moved.to_stage)
    return _rewrite(where[0] if where else None, done)


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
    where = PostedMessage(stored.channel, stored.message_ts) if stored.channel and stored.message_ts else None
    return _rewrite(where, done)
