"""`/partner ask`: request questionnaire answers from leads by DM, see who answered, remind once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timedelta

from commands.context import Invocation
from commands.direct_messages import settle, why_not_sent
from commands.language import languages_to_write_to
from commands.people import EVERYONE, People
from commands.registry.lookup import require_active_partner, require_partner
from commands.replies import AskSent, AskStatus, Reply, RequestLine, ScoreInvitation
from commands.scoring.parse import Ask
from domain.errors import PartnerbotError
from domain.language import tr
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
            problems.append(tr("{lead} is not a user of this workspace", lead=lead))
        elif person.is_bot:
            problems.append(tr("{lead} is a bot", lead=person.shown))
        elif person.deleted:
            problems.append(tr("{lead} is deactivated", lead=person.shown))
    if problems:
        raise PartnerbotError(
            tr("Leads must be people who can answer: {problems}. Nothing was changed.", problems="; ".join(problems))
        )


def request_answers(invocation: Invocation, command: Ask) -> Reply:
    """Asks each lead not already waiting and enqueues their DM (an outbox step) in the same transaction; the
    listener sends them at once and `settle_undelivered` says who got theirs."""
    check_leads(invocation.people, command.leads)
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, command.name)
        criteria = len(repository.current_scorecard(session=uow.session, team_id=invocation.team_id).criteria)
        asked = repository.add_requests(
            session=uow.session, partner=partner, leads=command.leads, asked_by=invocation.user_id, now=invocation.now
        )
        uow.session.flush()
        invitation = ScoreInvitation(partner.name, invocation.user_id, criteria)
        languages = languages_to_write_to(uow.session, invocation.people, team_id=partner.team_id, user_ids=asked)
        for request in repository.open_requests(session=uow.session, partner=partner, leads=asked):
            outbox.enqueue(
                session=uow.session,
                team_id=partner.team_id,
                key=request_key(request.id),
                kind="dm",
                channel=request.lead,
                payload=invitation_payload(invitation, languages[request.lead]),
                now=invocation.now,
            )
        uow.commit()
    waiting = tuple(lead for lead in command.leads if lead not in asked)
    return Reply(AskSent(partner.name, tuple(asked), waiting), sends=bool(asked))


def invitation_payload(invitation: ScoreInvitation, language: str) -> dict[str, object]:
    """The DM's body, rendered when sent, in the lead's language."""
    return {"body": "score_invitation", "data": asdict(invitation), outbox.LANGUAGE: language}


def request_key(request_id: int | None) -> str:
    return f"score-request:{request_id}"


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
    unit_of_work: Callable[[], UnitOfWork],
    *,
    now: datetime,
    after_days: int = DEFAULT_REMINDER_DAYS,
    people_of: Callable[[str], People] = lambda team_id: EVERYONE,
) -> int:
    """Marks every lead who has not answered after `after_days` reminded and enqueues their DM (an outbox step)
    in the same transaction, in the lead's language (`people_of`: each workspace's directory); returns how many.
    Each request is reminded once: the rows are locked and skipped by concurrent runs on PostgreSQL, and the
    step's key is the request's."""
    with unit_of_work() as uow:
        due = repository.due_reminders(session=uow.session, asked_before=now - timedelta(days=after_days))
        languages: dict[tuple[str, str], str] = {}
        for team_id in sorted({partner.team_id for _request, partner in due}):
            leads = [request.lead for request, partner in due if partner.team_id == team_id]
            found = languages_to_write_to(uow.session, people_of(team_id), team_id=team_id, user_ids=leads)
            languages.update({(team_id, lead): language for lead, language in found.items()})
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
                payload=invitation_payload(invitation, languages[(partner.team_id, request.lead)]),
                now=now,
            )
        uow.commit()
    return len(due)


def workspaces_with_due_reminders(
    unit_of_work: Callable[[], UnitOfWork], *, now: datetime, after_days: int = DEFAULT_REMINDER_DAYS
) -> list[str]:
    """Read before `due_reminders`, so a job can get each workspace's directory (which may read the database)
    outside the reminders' transaction."""
    with unit_of_work() as uow:
        return repository.teams_with_due_reminders(session=uow.session, asked_before=now - timedelta(days=after_days))


@settle.register
def settle_undelivered(sent: AskSent, invocation: Invocation) -> AskSent:
    """After the sender ran: a lead whose DM Slack refused for good is not asked (the request is taken back, so
    the status is true and a later ask retries them); a DM still pending (429, 5xx) will follow."""
    if not sent.asked:
        return sent
    with invocation.unit_of_work() as uow:
        partner = require_partner(uow.session, invocation, sent.partner)
        requests = repository.open_requests(session=uow.session, partner=partner, leads=sent.asked)
        keys = {request_key(request.id): request for request in requests}
        states = {step.key: step for step in outbox.by_keys(session=uow.session, team_id=invocation.team_id, keys=keys)}
        not_sent, will_follow = [], []
        for key, request in keys.items():
            step = states.get(key)
            if step is None or step.state == outbox.SENT:
                continue
            if step.state == outbox.FAILED:
                not_sent.append((request.lead, why_not_sent(step.last_error or "")))
                if request.asked_by == invocation.user_id and request.reminded_at is None:
                    uow.session.delete(request)
            else:
                will_follow.append(request.lead)
        uow.commit()
    failed = {lead for lead, _why in not_sent}
    order = {lead: index for index, lead in enumerate(sent.asked)}
    return AskSent(
        sent.partner,
        tuple(lead for lead in sent.asked if lead not in failed),
        sent.already_waiting,
        tuple(sorted(not_sent, key=lambda item: order[item[0]])),
        tuple(sorted(will_follow, key=order.__getitem__)),
    )
