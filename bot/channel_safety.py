"""Slack Connect safety: the one place that asks Slack whether a channel is shared with another organisation,
and keeps partner data out of it unless an admin allowed it (`/partner settings allow-shared #channel`).

Called by the outbox sender (every post, scheduled or not, and its charts and updates) and by the command
runner (a command typed in a shared channel is answered privately). The rule itself is domain/channel_safety.py.

conversations.info is asked once per channel and kept CACHE_SECONDS: a channel that becomes shared is noticed
within that time. What Slack could not answer is never kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.expiring import ExpiringCache
from bot.payloads import message_payload
from commands.language import language_to_write_to
from commands.people import People
from commands.replies import Notice
from commands.settings.shared_channels import ALLOW_SHARED
from domain.channel_safety import Sharing, allowed_channels, is_channel, may_post
from domain.language import speaking, tr
from storage import outbox
from storage.delivery_tables import OutboxStep
from storage.settings import workspace_option
from storage.tables import WorkspaceSettings

logger = logging.getLogger("partnerbot.connect")
CACHE_SECONDS = 600.0
HELD = "held: the channel is shared with another organisation"
"""The outbox error of a post kept out of a shared channel (a permanent failure: it is never retried)."""
UNSEEN_ERRORS = ("channel_not_found", "not_in_channel")


class SharingUnknown(Exception):
    """Slack did not answer conversations.info just now (rate limit, 5xx, network): ask again later."""


class ChannelSharing:
    """conversations.info's `is_ext_shared`, per Slack API, token and channel, kept a few minutes."""

    def __init__(self, *, cache_seconds: float = CACHE_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self._cache: ExpiringCache[tuple[str, str | None, str], Sharing] = ExpiringCache(cache_seconds, clock=clock)

    def of(self, client: WebClient, channel: str) -> Sharing:
        """How the channel is shared; a DM or a user id is not a channel and counts as internal."""
        if not is_channel(channel):
            return Sharing.INTERNAL
        key = (client.base_url, client.token, channel)
        fresh, cached = self._cache.get(key)
        if fresh and cached is not None:
            return cached
        sharing = self._ask_slack(client, channel)
        if sharing in (Sharing.INTERNAL, Sharing.SHARED):
            self._cache.put(key, sharing)
        return sharing

    @staticmethod
    def _ask_slack(client: WebClient, channel: str) -> Sharing:
        try:
            info = client.conversations_info(channel=channel)
        except SlackApiError as error:
            code = error.response.get("error") if isinstance(error.response.data, dict) else None
            if code in UNSEEN_ERRORS:
                return Sharing.UNSEEN
            if code is not None and error.response.status_code == 200:
                logger.warning("conversations.info for %s refused (%s): treated as shared", channel, code)
                return Sharing.UNKNOWN
            raise SharingUnknown(channel) from error
        except OSError as error:
            raise SharingUnknown(channel) from error
        found = info.get("channel") or {}
        shared = found.get("is_ext_shared") or found.get("is_pending_ext_shared")
        return Sharing.SHARED if shared else Sharing.INTERNAL


SHARING = ChannelSharing()
"""One per process: every request and job of this process reads the same answers."""


def is_allowed(session: Session, *, team_id: str, channel: str) -> bool:
    """An admin allowed partner data in this shared channel."""
    return channel in allowed_channels(workspace_option(session=session, team_id=team_id, key=ALLOW_SHARED))


def held_sharing(client: WebClient, channel: str, *, allowed: bool) -> Sharing | None:
    """Why a post must not go to `channel` (how it is shared), or None when it may; `allowed`: an admin allowed
    partner data there. Raises SharingUnknown when Slack cannot say just now: the sender retries later.
    """
    sharing = SHARING.of(client, channel)
    return None if may_post(sharing, allowed=allowed) else sharing


def hold(session: Session, step: OutboxStep, channel: str, sharing: Sharing, now: datetime, people: People) -> None:
    """Marks the step (and its charts) held, and tells the person who set up the workspace's posts by DM, in their
    language."""
    assert step.id is not None
    outbox.mark_failed(session=session, step_id=step.id, error=HELD)
    logger.warning("outbox step %s (%s, %s) held: %s is %s", step.id, step.team_id, step.key, channel, sharing.value)
    settings = session.get(WorkspaceSettings, step.team_id)
    person = settings.updated_by if settings is not None else None
    if not person or not person.startswith(("U", "W")):
        return
    named = settings.digest_channel_name if settings is not None and settings.digest_channel == channel else None
    language = language_to_write_to(session, people, team_id=step.team_id, user_id=person)
    with speaking(language):
        payload = message_payload(Notice(held_notice(named or channel, sharing), tone="error"))
    outbox.enqueue(
        session=session,
        team_id=step.team_id,
        key=f"held:{step.key}"[:200],
        kind="dm",
        channel=person,
        payload={"blocks": payload["blocks"], "text": payload["text"], outbox.LANGUAGE: language},
        now=now,
    )


def held_notice(channel: str, sharing: Sharing) -> str:
    """What the person who set up the posts hears; `channel` is the channel's name (a Notice is plain text)."""
    if sharing is Sharing.SHARED:
        return tr(
            ":lock: I held back a post for #{channel}: that channel is shared with another organisation, so"
            " partner data stays out of it. An admin can allow it with `/partner settings allow-shared` and the"
            " channel, or choose another channel.",
            channel=channel,
        )
    return tr(
        ":lock: I held back a post for #{channel}: Slack did not tell me whether that channel is shared with"
        " another organisation (reinstall the app so it may read channels), so partner data stays out of it.",
        channel=channel,
    )


def shared_channel_refusal(channel: str) -> str:
    return tr(
        ":lock: Nothing was posted in <#{channel}>: it is shared with another organisation, so partner data stays"
        " out of it. An admin can allow it with `/partner settings allow-shared` and the channel.",
        channel=channel,
    )
