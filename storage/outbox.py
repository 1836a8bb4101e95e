"""The outbox: Slack posts owed, written in the transaction that decided them, claimed one at a time to send.

A step moves pending → sending (claimed, in its own short transaction) → sent (with Slack's ts) or back to
pending with a later attempt time, or failed for good. Steps whose parent has no ts yet wait for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_, select

from domain.language import current_language
from storage.delivery_tables import OutboxStep
from storage.installs import installed
from storage.once import insert_once

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
LANGUAGE = "language"


@dataclass(frozen=True)
class Posted:
    """What Slack answered for a sent step: the message's channel and ts (None for a chart)."""

    channel: str | None = None
    ts: str | None = None


def enqueue(
    *,
    session: Session,
    team_id: str,
    key: str,
    kind: str,
    channel: str,
    payload: dict[str, Any],
    now: datetime,
    parent: OutboxStep | None = None,
) -> OutboxStep | None:
    """Adds a step unless one with the same key exists for the team (then None): the idempotency key.

    The step keeps the language it was enqueued in, so what the sender renders later (a summary, a chart) reads
    like the message it belongs to."""
    payload = {LANGUAGE: current_language(), **payload}
    step = OutboxStep(
        team_id=team_id,
        key=key[:200],
        kind=kind,
        channel=channel,
        parent_id=parent.id if parent is not None else None,
        payload=dumps(payload),
        next_attempt_at=now,
        created_at=now,
    )
    return insert_once(session=session, row=step)


def claim_next(
    *, session: Session, now: datetime, team_id: str | None = None, ids: tuple[int, ...] = ()
) -> OutboxStep | None:
    """The oldest due step of an installed workspace whose parent (if any) was sent, marked `sending`.

    Locked and skipped by concurrent senders on PostgreSQL (FOR UPDATE SKIP LOCKED); SQLite's BEGIN
    IMMEDIATE serialises the claim. The caller commits at once, before talking to Slack.
    """
    parent = aliased(OutboxStep)
    query = (
        select(OutboxStep)
        .outerjoin(parent, col(parent.id) == col(OutboxStep.parent_id))
        .where(
            OutboxStep.state == PENDING,
            OutboxStep.next_attempt_at <= now,
            or_(col(OutboxStep.parent_id).is_(None), col(parent.result_ts).is_not(None)),
            installed(OutboxStep.team_id),
        )
        .order_by(col(OutboxStep.next_attempt_at), col(OutboxStep.id))
        .limit(1)
        .with_for_update(of=OutboxStep, skip_locked=True)
    )
    if team_id is not None:
        query = query.where(OutboxStep.team_id == team_id)
    if ids:
        query = query.where(col(OutboxStep.id).in_(ids))
    step = session.exec(query).first()
    if step is None:
        return None
    step.state, step.attempts = SENDING, step.attempts + 1
    step.next_attempt_at = now
    session.add(step)
    return step


def parent_of(*, session: Session, step: OutboxStep) -> OutboxStep | None:
    return session.get(OutboxStep, step.parent_id) if step.parent_id is not None else None


def mark_sent(*, session: Session, step_id: int, posted: Posted, now: datetime) -> None:
    values = {"state": SENT, "result_ts": posted.ts, "posted_channel": posted.channel, "sent_at": now}
    session.execute(update(OutboxStep).where(col(OutboxStep.id) == step_id).values(**values))


def mark_retry(*, session: Session, step_id: int, error: str, at: datetime) -> None:
    values = {"state": PENDING, "last_error": error[:300], "next_attempt_at": at}
    session.execute(update(OutboxStep).where(col(OutboxStep.id) == step_id).values(**values))


def mark_failed(*, session: Session, step_id: int, error: str) -> None:
    """The step failed for good, and so do the steps waiting for its message (they would wait forever)."""
    session.execute(
        update(OutboxStep).where(col(OutboxStep.id) == step_id).values(state=FAILED, last_error=error[:300])
    )
    session.execute(
        update(OutboxStep)
        .where(col(OutboxStep.parent_id) == step_id, OutboxStep.state == PENDING)
        .values(state=FAILED, last_error=f"its message was not posted: {error}"[:300])
    )


def abandon_interrupted(*, session: Session, now: datetime, lease: timedelta) -> list[OutboxStep]:
    """Steps left `sending` by a process that died between claiming and recording: marked failed, not resent.

    Slack may or may not have taken them; sending again could double a post, so they are reported instead.
    """
    query = (
        select(OutboxStep)
        .where(OutboxStep.state == SENDING, OutboxStep.next_attempt_at < now - lease)
        .limit(100)
        .with_for_update(skip_locked=True)
    )
    stale = list(session.exec(query).all())
    for step in stale:
        step.state, step.last_error = FAILED, "interrupted while sending: it may or may not have been posted"
        session.add(step)
    return stale


def steps(*, session: Session, ids: tuple[int, ...]) -> list[OutboxStep]:
    return list(session.exec(select(OutboxStep).where(col(OutboxStep.id).in_(ids))).all()) if ids else []


def by_keys(*, session: Session, team_id: str, keys: Iterable[str]) -> list[OutboxStep]:
    """The team's steps with these idempotency keys (how a command finds the steps it enqueued)."""
    wanted = [key[:200] for key in keys]
    if not wanted:
        return []
    query = select(OutboxStep).where(OutboxStep.team_id == team_id, col(OutboxStep.key).in_(wanted))
    return list(session.exec(query).all())


def update_payload(*, session: Session, step_id: int, team_id: str) -> OutboxStep | None:
    """The step, row-locked, so concurrent edits of the same message's content queue."""
    step = session.get(OutboxStep, step_id, with_for_update=True)
    return step if step is not None and step.team_id == team_id else None


def language_of(step: OutboxStep) -> str | None:
    return loads(step).get(LANGUAGE)


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)


def loads(step: OutboxStep) -> dict[str, Any]:
    return dict(json.loads(step.payload))
