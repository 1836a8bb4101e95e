"""The outbox sender: sends the Slack posts jobs and commands enqueued, each once.

Each step is claimed in its own short transaction (marked `sending`), sent, and marked `sent` with Slack's ts
in another short transaction right after Slack answers. A failure puts it back with a later attempt time
(Retry-After on 429, exponential on 5xx and connection errors) or, for a permanent error or after too many
attempts, marks it failed with the error, logged. A process that dies between Slack's answer and the mark
leaves the step `sending`: after LEASE it is marked failed ("may or may not have been posted") and reported,
never sent again, so a crash can lose one post but never doubles one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient

from bot.channel_safety import HELD, held_sharing, hold, is_allowed
from bot.log_format import fields
from bot.outbox.sending import NotInstalled, failure_of, send_step
from bot.workspace_clients import WorkspaceClients
from domain.channel_safety import is_channel
from domain.outbox import after_failure
from storage import outbox
from storage.delivery_tables import OutboxStep
from storage.unit_of_work import UnitOfWork

logger = logging.getLogger("partnerbot.outbox")
LEASE = timedelta(minutes=10)
BATCH = 500
STOPPING = threading.Event()


def request_stop() -> None:
    """SIGTERM: senders finish the step in hand and stop claiming new ones."""
    STOPPING.set()


@dataclass
class Drained:
    sent: list[int] = field(default_factory=list)
    retrying: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)

    @property
    def did_anything(self) -> bool:
        return bool(self.sent or self.retrying or self.failed)

    def describe(self) -> str:
        failed = "".join(f"; step {step} failed: {error}" for step, error in self.failed)
        return f"outbox: {len(self.sent)} sent, {len(self.retrying)} to retry, {len(self.failed)} failed{failed}"


def sender_client(client: WebClient) -> WebClient:
    """The same token and base URL without the client's own retries: the sender reschedules instead of sleeping."""
    return WebClient(token=client.token, base_url=client.base_url, timeout=client.timeout, retry_handlers=[])


def drain(
    database: Callable[[], UnitOfWork],
    clients: WorkspaceClients,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    team_id: str | None = None,
    ids: tuple[int, ...] = (),
    limit: int = BATCH,
    recover: bool = False,
    stopping: threading.Event = STOPPING,
) -> Drained:
    """Sends the due steps (of one team, or only `ids`, when given) until none is due, `limit` or SIGTERM;
    with `recover` (the scheduled runs), first reports the steps a dead process left `sending`. Each step goes
    out with the token of its own workspace."""
    done = Drained()
    senders: dict[str, WebClient | None] = {}

    def sender_for(team: str) -> WebClient | None:
        if team not in senders:
            client = clients.for_team(team)
            senders[team] = sender_client(client) if client is not None else None
        return senders[team]
    if recover:
        with database() as uow:
            for stale in outbox.abandon_interrupted(session=uow.session, now=clock(), lease=LEASE):
                logger.error("outbox step %s (%s, %s) interrupted mid-send", stale.id, stale.team_id, stale.key)
                done.failed.append((stale.id or 0, stale.last_error or ""))
            uow.commit()
    while len(done.sent) + len(done.retrying) + len(done.failed) < limit and not stopping.is_set():
        now = clock()
        with database() as uow:
            step = outbox.claim_next(session=uow.session, now=now, team_id=team_id, ids=ids)
            if step is None:
                break
            parent = outbox.parent_of(session=uow.session, step=step)
            where = destination(step, parent)
            allowed = is_channel(where) and is_allowed(uow.session, team_id=step.team_id, channel=where)
            uow.commit()
        assert step.id is not None
        try:
            slack = sender_for(step.team_id)
            asking = clients.for_team(step.team_id)
            if slack is None or asking is None:
                raise NotInstalled(step.team_id)
            sharing = held_sharing(asking, where, allowed=allowed)
            if sharing is not None:
                with database() as uow:
                    hold(uow.session, step, where, sharing, clock(), clients.people_of(asking))
                    uow.commit()
                done.failed.append((step.id, HELD))
                continue
            posted = send_step(slack, step, parent)
        except Exception as error:
            failure = failure_of(error)
            verdict = after_failure(failure, attempts=step.attempts, now=clock())
            with database() as uow:
                if verdict.give_up:
                    outbox.mark_failed(session=uow.session, step_id=step.id, error=failure.error)
                else:
                    assert verdict.next_attempt_at is not None
                    at = verdict.next_attempt_at
                    outbox.mark_retry(session=uow.session, step_id=step.id, error=failure.error, at=at)
                uow.commit()
            if verdict.give_up:
                logger.error("outbox step %s (%s, %s) failed: %s", step.id, step.team_id, step.key, failure.error)
                done.failed.append((step.id, failure.error))
            else:
                logger.warning(
                    "outbox step %s (%s, %s): %s; retry at %s",
                    step.id, step.team_id, step.key, failure.error, verdict.next_attempt_at,
                )
                done.retrying.append((step.id, failure.error))
            continue
        with database() as uow:
            outbox.mark_sent(session=uow.session, step_id=step.id, posted=posted, now=clock())
            uow.commit()
        done.sent.append(step.id)
        line = fields(event="job step", job="outbox", team=step.team_id, step=step.kind, outcome="sent")
        logger.info("outbox step %s sent", step.id, extra=line)
    return done


def destination(step: OutboxStep, parent: OutboxStep | None) -> str:
    """The conversation the step posts in: an update rewrites its parent's message where that went."""
    if step.kind == "update" and parent is not None:
        return parent.posted_channel or parent.channel
    return step.channel
