"""Deleting what the outbox and the command inbox no longer need: finished rows older than a cutoff, a bounded
batch at a time, so a big table is never locked for long and other writers interleave between batches. Also the
install links ("Add to Slack" OAuth states) that expired unused."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, exists
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from storage import inbox, outbox
from storage.delivery_tables import CommandInbox, OutboxStep
from storage.oauth_tables import slack_oauth_states

OUTBOX_FINISHED = (outbox.SENT, outbox.FAILED)
INBOX_FINISHED = (inbox.DELIVERED, inbox.EXPIRED, inbox.FAILED)


def prune_outbox_batch(*, session: Session, before: datetime, limit: int) -> int:
    """Deletes up to `limit` sent or failed steps last attempted before `before`; returns how many.

    A step that still has a child waiting to be sent (an update of its message, a chart for its thread) is
    kept: the child needs its message's ts. The filter on (state, next_attempt_at) uses the sender's index.
    """
    child = aliased(OutboxStep)
    waiting_child = exists().where(
        col(child.parent_id) == col(OutboxStep.id), col(child.state).in_((outbox.PENDING, outbox.SENDING))
    )
    finished = (col(OutboxStep.state).in_(OUTBOX_FINISHED), OutboxStep.next_attempt_at < before, ~waiting_child)
    return delete_first(session, OutboxStep, finished, limit)


def prune_inbox_batch(*, session: Session, before: datetime, limit: int) -> int:
    """Deletes up to `limit` delivered, expired or failed commands received before `before`; returns how many.

    A finished command's lease ended before it finished, so the filter on (state, lease_until) uses the
    inbox's index and received_at makes sure the whole command is that old.
    """
    finished = (
        col(CommandInbox.state).in_(INBOX_FINISHED),
        CommandInbox.lease_until < before,
        CommandInbox.received_at < before,
    )
    return delete_first(session, CommandInbox, finished, limit)


def delete_first(
    session: Session, table: type[OutboxStep] | type[CommandInbox], where: tuple[Any, ...], limit: int
) -> int:
    """Deletes the `limit` oldest rows (by id) matching `where`; returns how many."""
    ids = list(session.exec(select(table.id).where(*where).order_by(col(table.id)).limit(limit)).all())
    if ids:
        session.execute(delete(table).where(col(table.id).in_(ids)))
    return len(ids)


def prune_oauth_states_batch(*, session: Session, before: datetime, limit: int) -> int:
    """Deletes up to `limit` OAuth states that expired before `before` (installs started and never finished);
    slack_sdk's store deletes a state only when its redirect comes back. Its times are naive UTC."""
    states = slack_oauth_states.c
    expired = states.expire_at < before.astimezone(UTC).replace(tzinfo=None)
    ids = list(session.execute(select(states.id).where(expired).order_by(states.id).limit(limit)).scalars())
    if ids:
        session.execute(delete(slack_oauth_states).where(states.id.in_(ids)))
    return len(ids)
