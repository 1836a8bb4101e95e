"""The command inbox's queries: record a command, move it along its states while holding the claim, and
claim the unfinished commands of a process that died (FOR UPDATE SKIP LOCKED on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import or_, text, update
from sqlmodel import Session, col, select

from storage.delivery_tables import CommandInbox

PENDING, ANSWERED, DELIVERED, FAILED, EXPIRED = "pending", "answered", "delivered", "failed", "expired"
UNFINISHED = (PENDING, ANSWERED)


def record_command(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    channel_id: str | None,
    text: str,
    response_url: str | None,
    now: datetime,
    owner: str,
    lease: timedelta,
) -> int:
    """Records a command as received, already claimed by `owner`, and returns its id (the caller commits)."""
    entry = CommandInbox(
        team_id=team_id,
        user_id=user_id,
        channel_id=channel_id,
        text=text,
        response_url=response_url,
        received_at=now,
        state=PENDING,
        claimed_by=owner,
        lease_until=now + lease,
    )
    session.add(entry)
    session.flush()
    assert entry.id is not None
    return entry.id


def _advance(session: Session, entry_id: int, owner: str, from_states: tuple[str, ...], **values: object) -> bool:
    """Moves the entry on, only while `owner` still holds it in one of `from_states`; False otherwise."""
    statement = (
        update(CommandInbox)
        .where(
            col(CommandInbox.id) == entry_id,
            col(CommandInbox.claimed_by) == owner,
            col(CommandInbox.state).in_(from_states),
        )
        .values(**values)
    )
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def store_answer(*, session: Session, entry_id: int, owner: str, reply: str) -> bool:
    """In the command's own transaction: its changes, "answered" and the answer commit together, or none does."""
    return _advance(session, entry_id, owner, (PENDING,), state=ANSWERED, reply=reply)


def finish(*, session: Session, entry_id: int, owner: str, state: str, now: datetime) -> bool:
    return _advance(session, entry_id, owner, UNFINISHED, state=state, finished_at=now)


def commit_without_waiting_for_disk(*, session: Session) -> None:
    """PostgreSQL: this transaction's commit returns before the server has flushed it (synchronous_commit off).

    Only a crash of the database server itself can lose it; what it buys is a commit that returns at once,
    which keeps the gap between Slack taking an answer and the answer being marked delivered to a minimum.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit = off"))


def unfinished_owners(*, session: Session) -> list[str]:
    """The processes holding unfinished commands (a handful: one per process that ever ran)."""
    query = select(CommandInbox.claimed_by).where(col(CommandInbox.state).in_(UNFINISHED)).distinct()
    return list(session.exec(query).all())


def claim_unfinished(
    *, session: Session, owner: str, now: datetime, lease: timedelta, dead_owners: Collection[str], limit: int
) -> list[CommandInbox]:
    """Claims up to `limit` unfinished commands whose lease ran out or whose process is gone (the caller commits).

    Rows another transaction has locked are skipped on PostgreSQL; SQLite serialises writers instead.
    """
    stale = col(CommandInbox.lease_until) < now
    gone = col(CommandInbox.claimed_by).in_(list(dead_owners)) if dead_owners else stale
    query = (
        select(CommandInbox)
        .where(col(CommandInbox.state).in_(UNFINISHED), or_(stale, gone))
        .order_by(col(CommandInbox.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    entries = list(session.exec(query).all())
    for entry in entries:
        entry.claimed_by, entry.lease_until = owner, now + lease
        session.add(entry)
    return entries
