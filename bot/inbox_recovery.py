"""Finishing the commands a process left unfinished (it died, or its lease ran out), on start and every tick.

A command not run yet is run and answered while its response URL is valid (30 minutes); one whose changes
committed but whose answer was not stored says so; a stored answer not yet delivered is sent again. Older
commands are not run: they are logged, and the user is told where the response URL still takes it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import timedelta

from bot.delivery import send_to_response_url
from bot.inbox import finish, mark_remembered_failures, run_entry, send_and_mark
from bot.inbox_recording import LEASE, THIS_PROCESS, Entry, is_gone
from bot.people import SlackPeople
from bot.services import Services
from bot.workspace_clients import WorkspaceClients
from domain.language import N_, tr
from storage import inbox as entries
from storage.delivery_tables import CommandInbox

logger = logging.getLogger("partnerbot.inbox")
RESPONSE_URL_LIFETIME = timedelta(minutes=30)
BATCH = 50
MOST_PER_TICK = 1000
NOT_RUN = N_(
    ":warning: `/partner {text}` was not run: the bot restarted before it could, and it is now too late"
    " to run it safely. Run it again if it is still wanted."
)


def recover_commands(services: Services, clients: WorkspaceClients) -> str:
    """Finishes up to MOST_PER_TICK unfinished commands, each with its own workspace's client; says what it did
    (for the job log)."""
    mark_remembered_failures(services)
    done: dict[str, int] = {}
    while sum(done.values()) < MOST_PER_TICK:
        claimed = claim(services)
        if not claimed:
            break
        for row in claimed:
            outcome = finish_one(row, services, clients)
            done[outcome] = done.get(outcome, 0) + 1
    if not done:
        return "inbox: nothing unfinished"
    return "inbox: " + ", ".join(f"{count} {outcome}" for outcome, count in sorted(done.items()))


def claim(services: Services) -> list[CommandInbox]:
    with services.unit_of_work() as uow:
        owners = entries.unfinished_owners(session=uow.session)
        dead = [owner for owner in owners if is_gone(owner)]
        claimed = entries.claim_unfinished(
            session=uow.session,
            owner=str(THIS_PROCESS),
            now=services.clock(),
            lease=LEASE,
            dead_owners=dead,
            limit=BATCH,
        )
        uow.commit()
    return claimed


def finish_one(row: CommandInbox, services: Services, clients: WorkspaceClients) -> str:
    assert row.id is not None
    entry = Entry(row.id, row.team_id, row.user_id, row.channel_id, row.text, row.response_url)
    text = row.text.strip()
    try:
        if services.clock() - row.received_at >= RESPONSE_URL_LIFETIME:
            logger.warning(
                "command %s (/partner %r from %s in %s, %s) was left %s and is too old to finish",
                row.id, row.text, row.user_id, row.team_id, row.received_at.isoformat(), row.state,
            )  # fmt: skip
            if row.state == entries.PENDING:
                tell(entry, tr(NOT_RUN, text=text))
            elif row.reply:
                tell_stored(entry, row.reply)
            finish(services, entry, entries.EXPIRED)
            return "expired"
        if row.state == entries.PENDING:
            client = clients.for_team(row.team_id)
            if client is None:
                logger.warning("command %s of %s not run: the app is not installed there", row.id, row.team_id)
                finish(services, entry, entries.EXPIRED)
                return "not installed"
            run_entry(entry, replace(services, people=SlackPeople(client)), client)
            return "run"
        if send_and_mark(services, entry, row.reply or ""):
            return "answered again"
        return "not answered yet (retried when its lease ends)"
    except Exception:
        logger.exception("could not finish command %s", row.id)
        return "failed (retried when its lease ends)"


def tell(entry: Entry, text: str) -> None:
    tell_stored(entry, json.dumps({"text": text, "response_type": "ephemeral"}))


def tell_stored(entry: Entry, answer: str) -> None:
    """Best effort: an old response URL may no longer work."""
    if not entry.response_url:
        return
    try:
        send_to_response_url(entry.response_url, json.loads(answer))
    except Exception as error:
        logger.info("could not tell %s about command %s: %s", entry.user_id, entry.id, error)
