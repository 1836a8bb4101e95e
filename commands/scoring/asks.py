"""`/partner ask`: request questionnaire answers from leads by DM, see who answered, remind once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from commands.context import Invocation
from commands.registry.lookup import require_active_partner, require_partner
from commands.replies import AskSent, AskStatus, DirectMessage, Reply, RequestLine, ScoreInvitation
from commands.scoring.parse import Ask
from storage import scoring as repository
from storage.unit_of_work import UnitOfWork

DEFAULT_REMINDER_DAYS = 3


def ask(command: Ask, invocation: Invocation) -> Reply:
    return request_answers(invocation, command) if command.leads else status(invocation, command.name)


def request_answers(invocation: Invocation, command: Ask) -> Reply:
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
) -> list[tuple[str, DirectMessage]]:
    """(team, DM) for every lead who has not answered after `after_days`; each request is reminded once.

    Requests are marked as reminded in the same transaction that selects them (rows locked and
    skipped by concurrent runs on PostgreSQL), so two replicas never remind the same lead twice.
    """
    with unit_of_work() as uow:
        due = repository.due_reminders(session=uow.session, asked_before=now - timedelta(days=after_days))
        messages = []
        for request, partner in due:
            request.reminded_at = now
            uow.session.add(request)
            invitation = ScoreInvitation(partner.name, request.asked_by, 0, reminder=True)
            messages.append((partner.team_id, DirectMessage(request.lead, invitation)))
        uow.commit()
    return messages
