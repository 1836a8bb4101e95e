"""A command acknowledged is a command answered: each `/partner` command is recorded before its ack, run
with its inbox entry marked in the command's own transaction, and its reply stored before it is sent.

A process that dies leaves its entries unfinished; `bot.inbox_recovery` finishes them on start and on
every scheduler tick. Recording (before the ack) is in `bot.inbox_recording`.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import replace
from typing import Any

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.command_privacy import CommandPlace, foreign_refusal, in_place, place_of, with_note
from bot.delivery import apologise, deliver, message_payload
from bot.inbox_recording import THIS_PROCESS, Entry
from bot.log_format import fields, milliseconds_since
from bot.request_log import verb_of
from bot.services import Services
from commands.replies import Notice, Reply
from commands.verbs import handle
from domain.language import N_, tr
from storage import inbox as entries
from storage.unit_of_work import SharedTransaction

logger = logging.getLogger("partnerbot.inbox")
ANSWER_TIMEOUT_SECONDS = 2
"""A response URL send holds the entry's lock (on SQLite, the database's write lock) this long at most."""
RUN_AGAIN = N_(
    ":leftwards_arrow_with_hook: `/partner {text}` opens a form, and Slack lets a form open only within 3 seconds"
    " of the command; the bot restarted before it could. Run `/partner {text}` again."
)
PARTLY_SENT = N_(
    ":warning: The bot restarted while answering `/partner {text}`: it was done, but some of the messages it"
    " sends (in a channel or by DM) may not have gone out."
)


class ClaimLost(Exception):
    """Another process claimed the entry (this one was too slow): it runs and answers the command instead."""


def stored_answer(reply: Reply, text: str, note: str | None = None) -> str:
    """What the response URL gets for this reply, as stored before it is sent (and re-sent after a restart);
    `note` says why it is private (bot/command_privacy.py)."""
    if sends_elsewhere(reply):
        return json.dumps({"text": tr(PARTLY_SENT, text=text), "response_type": "ephemeral"})
    if reply.body is None:
        return ""
    return json.dumps(with_note(message_payload(reply.body, public=reply.public), note), ensure_ascii=False)


def sends_elsewhere(reply: Reply) -> bool:
    """The reply also posts in a channel, sends DMs or files, or rewrites a message."""
    return bool(reply.post_in_channel or reply.replaces or reply.files or reply.sends)


def only_answers(reply: Reply) -> bool:
    """True when the reply is one message through the response URL and nothing else."""
    return reply.modal is None and not sends_elsewhere(reply) and not reply.check_membership


def _save(services: Services, write: Any) -> bool:
    with services.unit_of_work() as uow:
        done = bool(write(uow.session))
        uow.commit()
    return done


def finish(services: Services, entry: Entry, state: str) -> bool:
    return _save(
        services,
        lambda session: entries.finish(
            session=session, entry_id=entry.id, owner=str(THIS_PROCESS), state=state, now=services.clock()
        ),
    )


def run_entry(entry: Entry, services: Services, client: WebClient, *, trigger_id: str | None = None) -> None:
    """Runs a recorded command once: its changes, its inbox entry marked answered and the answer to send all
    commit in one transaction; then the answer is delivered and the entry marked delivered. One log line says
    how it ended (bot/log_format.py): the verb, never the rest of the text."""
    started = time.perf_counter()
    outcome = _run_entry(entry, services, client, trigger_id)
    took = milliseconds_since(started, time.perf_counter())
    verb = verb_of(entry.text)
    line = fields(event="command", team=entry.team_id, user=entry.user_id, verb=verb, outcome=outcome, duration_ms=took)
    logger.info("/partner command %s", outcome, extra=line)


def _run_entry(entry: Entry, services: Services, client: WebClient, trigger_id: str | None) -> str:
    invocation = services.invocation(team_id=entry.team_id, user_id=entry.user_id, channel_id=entry.channel_id)
    shared = SharedTransaction(services.engine)
    try:
        place = place_of(
            client, services.people, team_id=entry.team_id, user_id=entry.user_id, channel_id=entry.channel_id
        )
        reply = (
            foreign_refusal()
            if place.foreign
            else handle(entry.text, replace(invocation, database=shared.unit_of_work))
        )
        reply, note = in_place(reply, place, shared.session, team_id=entry.team_id)
        if reply.modal is not None and not trigger_id:
            reply = Reply.error(tr(RUN_AGAIN, text=entry.text.strip()))
        answer = stored_answer(reply, entry.text.strip(), note)
        if not entries.store_answer(session=shared.session, entry_id=entry.id, owner=str(THIS_PROCESS), reply=answer):
            raise ClaimLost(entry.id)
        shared.commit()
    except ClaimLost:
        logger.info("command %s is being answered by another process", entry.id)
        return "answered by another process"
    except Exception as error:
        logger.exception("/partner %r failed", entry.text)
        give_up(entry, services)
        apologise(client, entry.user_id, entry.response_url, logger, error)
        return "failed"
    finally:
        shared.close()
    outcome = outcome_of(reply, place, note)
    if entry.response_url and only_answers(reply):
        send_and_mark(services, entry, answer)
        return outcome
    try:
        deliver(
            reply,
            client=client,
            user_id=entry.user_id,
            response_url=entry.response_url,
            trigger_id=trigger_id,
            channel_id=entry.channel_id,
            invocation=invocation,
            seal=services.form_seal,
            note=note,
        )
    except Exception as error:
        logger.exception("the answer to /partner %r could not be delivered", entry.text)
        give_up(entry, services)
        apologise(client, entry.user_id, entry.response_url, logger, error)
        return "failed"
    try:
        finish(services, entry, entries.DELIVERED)
    except Exception:
        logger.exception("command %s was answered but could not be marked so", entry.id)
    return outcome


def outcome_of(reply: Reply, place: CommandPlace, note: str | None) -> str:
    if place.foreign:
        return "refused: another organisation"
    if isinstance(reply.body, Notice) and reply.body.tone == "error":
        return "refused"
    return "answered privately" if note else "answered"


def send_and_mark(services: Services, entry: Entry, answer: str) -> bool:
    """Sends the stored answer inside the transaction that marks it delivered, committed the moment Slack
    took it: a crash between the two would answer twice, so that gap is kept to the commit itself.

    Whatever fails leaves the entry answered, and it is sent again once its lease ends.
    """
    try:
        with services.unit_of_work() as uow:
            entries.commit_without_waiting_for_disk(session=uow.session)
            if not entries.finish(
                session=uow.session, entry_id=entry.id, owner=str(THIS_PROCESS), state=entries.DELIVERED,
                now=services.clock(),
            ):  # fmt: skip
                return False
            if answer and entry.response_url:
                payload = {**json.loads(answer), "replace_original": False}
                sent = WebhookClient(entry.response_url, timeout=ANSWER_TIMEOUT_SECONDS).send_dict(payload)
                if sent.status_code != 200:
                    logger.warning("the answer to command %s was refused with %s", entry.id, sent.status_code)
                    return False
            uow.commit()
            return True
    except Exception:
        logger.exception("the answer to command %s could not be sent; it is sent again later", entry.id)
        return False


_UNMARKED_FAILURES: set[int] = set()
_UNMARKED_GUARD = threading.Lock()


def give_up(entry: Entry, services: Services) -> None:
    """The user is told their command failed, so it must never run later: mark it failed, or remember to."""
    try:
        finish(services, entry, entries.FAILED)
    except Exception:
        logger.exception("command %s failed and could not be marked failed; retrying on the next tick", entry.id)
        with _UNMARKED_GUARD:
            _UNMARKED_FAILURES.add(entry.id)


def mark_remembered_failures(services: Services) -> None:
    with _UNMARKED_GUARD:
        waiting = sorted(_UNMARKED_FAILURES)
    for entry_id in waiting:
        placeholder = Entry(entry_id, "", "", None, "", None)
        finish(services, placeholder, entries.FAILED)
        with _UNMARKED_GUARD:
            _UNMARKED_FAILURES.discard(entry_id)
