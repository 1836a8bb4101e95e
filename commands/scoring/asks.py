"""`/partner ask`: request questionnaire answers from leads by DM, see who answered, remind once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timedelta

from commands.context import Invocation
from commands.direct_messages import NotSent, settle
from commands.people import People
from commands.registry.lookup import require_active_partner, require_partner
from commands.replies import AskSent, AskStatus, DirectMessage, Reply, RequestLine, ScoreInvitation
from commands.scoring.parse import Ask
from domain.errors import PartnerbotError
from storage import outbox
from storage import scoring as repository
from storage.unit_of_work import UnitOfWork

DEFAULT_REMINDER_DAYS = 3
logger = logging.getLogger("partnerbot.commands")


def ask(command: Ask, invocation: Invocation) -> Reply:
    return request_answers(invocation, command) if command.leads else status(invocation, command.name)


def check_leads(people: People, leads: tuple[str, ...]) -> None:
    """Refuses the ask, naming each lead who is not a person who can answer."""
    problems = []
    for lead in leads:
        person = people.lookup(lead)
        if person is None:
            problems.append(f"{lead} is not a user of this workspace")
        elif person.is_bot:
            problems.append(f"{person.shown} is a bot")
        elif person.deleted:
            problems.append(f"{person.shown} is deactivated")
    if problems:
        raise PartnerbotError(f"Leads must be people who can answer: {'; '.join(problems)}. Nothing was changed.")


def request_answers(invocation: Invocation, command: Ask) -> Reply:
    check_leads(invocation.people, command.leads)
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, command.name)
        criteria = len(repository.current_scorecard(session=uow.session, team_id=invocation.team_id).criteria)
        asked = repository.add_requests(
            session=uow.session, partner=partner, leads=command.leads, asked_by=invocation.user_id, now=invocation.now
        )
        uow.commit()
    waiting = tuple(lead for lead in command.leads if lead not in asked)
    invitation = ScoreInvitation(partner.name, invocation.user_id, criteria)
    return Reply(
        AskSent(partner.name, tuple(asked), waiting),
        direct_messages=tuple(DirectMessage(lead, invitation) for lead in asked),
    )


def status(invocation: Invocation, name: str) -> Reply:
    with invocation.unit_of_work() as uow:
        partner = require_partner(uow.session, invocation, name)
        requests = repository.requests_for(session=uow.session, partner=partner)
    zone = invocation.timezone
    lines = tuple(
        RequestLine(
            r.lead,
            r.asked_at.astimezone(zone),
            r.answered_at.astimezone(zone) if r.answered_at else None,
            r.reminded_at.astimezone(zone) if r.reminded_at else None,
        )
        for r in requests
    )
    return Reply(AskStatus(partner.name, lines))


def due_reminders(
    unit_of_work: Callable[[], UnitOfWork], *, now: datetime, after_days: int = DEFAULT_REMINDER_DAYS
) -> int:
    """Marks every lead who has not answered after `after_days` reminded and enqueues their DM (an outbox step)
    in the same transaction; returns how many. Each request is reminded once: the rows are locked and skipped
    by concurrent runs on PostgreSQL, and the step's key is the request's."""
    with unit_of_work() as uow:
        due = repository.due_reminders(session=uow.session, asked_before=now - timedelta(days=after_days))
        for request, partner in due:
            request.reminded_at = now
            uow.session.add(request)
            invitation = ScoreInvitation(partner.name, request.asked_by, 0, reminder=True)
            outbox.enqueue(
                session=uow.session,
                team_id=partner.team_id,
                key=f"score-reminder:{request.id}",
                kind="dm",
                channel=request.lead,
                payload={"body": "score_invitation", "data": asdict(invitation)},
                now=now,
            )
        uow.commit()
    return len(due)


@settle.register
def settle_undelivered(sent: AskSent, not_sent: NotSent, invocation: Invocation | None) -> AskSent:
    """Takes back the requests of leads whose DM failed, so the status is true and a later ask retries them;
    the reply names them either way."""
    failed = [lead for lead, _why in not_sent]
    asked = tuple(lead for lead in sent.asked if lead not in failed)
    if invocation is None:
        return AskSent(sent.partner, asked, sent.already_waiting, not_sent)
    try:
        with invocation.unit_of_work() as uow:
            partner = require_partner(uow.session, invocation, sent.partner)
            for request in repository.open_requests(session=uow.session, partner=partner, leads=failed):
                if request.asked_by == invocation.user_id and request.reminded_at is None:
                    uow.session.delete(request)
            uow.commit()
    except Exception:
        logger.exception("requests of leads whose DM failed could not be taken back")
    return AskSent(sent.partner, asked, sent.already_waiting, not_sent)
