"""Tables of the delivery machinery rather than of partners: install state, the outbox of Slack posts owed,
and the inbox of commands acknowledged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class WorkspaceInstall(SQLModel, table=True):
    """Whether the app is installed in a workspace; no row means installed.

    An uninstall (or the bot token revoked) makes the scheduled jobs skip the workspace; its data stays
    until `partnerbot purge`. The next signed request from the workspace marks it installed again.
    """

    __tablename__ = "workspace_install"

    team_id: str = Field(primary_key=True, max_length=32)
    installed: bool = Field(default=True)
    reason: str = Field(max_length=40)
    """What last changed it: app_uninstalled, tokens_revoked, request (seen again) or oauth_install."""
    changed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class OutboxStep(SQLModel, table=True):
    """One Slack post the bot owes: written with the claim that decided it, sent (once) by the outbox sender.

    `kind`: message (chat.postMessage), chart (drawn from the payload and uploaded in the thread of the parent
    step's message), dm (chat.postMessage to a user id) or update (chat.update of the parent step's message).
    `payload`: blocks and text, a reply body's data rendered when sent, or what a chart shows.
    """

    __tablename__ = "outbox_step"
    __table_args__ = (
        UniqueConstraint("team_id", "key", name="uq_outbox_step_team_key"),
        Index("ix_outbox_step_due", "state", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    key: str = Field(max_length=200)
    kind: str = Field(max_length=10)
    channel: str = Field(max_length=32)
    parent_id: int | None = Field(default=None, foreign_key="outbox_step.id", ondelete="CASCADE")
    payload: str = Field(sa_column=Column(Text(), nullable=False))
    state: str = Field(default="pending", max_length=10)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    last_error: str | None = Field(default=None, max_length=300)
    result_ts: str | None = Field(default=None, max_length=32)
    posted_channel: str | None = Field(default=None, max_length=32)
    """Where Slack says the message went (a DM's conversation id, not the user id it was sent to)."""
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class CommandInbox(SQLModel, table=True):
    """A `/partner` command as received, recorded before it is acknowledged, until its answer is delivered.

    `state`: pending (not run, or run and rolled back) → answered (its changes committed, in the same
    transaction as its answer, stored in `reply`) → delivered; or failed (the user was told it failed) /
    expired (too old to run). `claimed_by` and `lease_until` say which process works on it; a command's
    transaction marks it answered only while that process still holds the claim, so none runs twice.
    """

    __tablename__ = "command_inbox"
    __table_args__ = (
        Index("ix_command_inbox_state", "state", "lease_until"),
        Index("ix_command_inbox_team", "team_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    user_id: str = Field(max_length=64)
    channel_id: str | None = Field(default=None, max_length=64)
    text: str = Field(sa_column=Column(Text(), nullable=False))
    response_url: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    state: str = Field(max_length=20)
    claimed_by: str = Field(max_length=200)
    lease_until: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    reply: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    """The rendered answer (the JSON payload for the response URL), stored before it is sent."""
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
