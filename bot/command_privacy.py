"""A command typed in a channel shared with another organisation: its answer is for the person who asked
only (ephemeral, with a note why), and a person from the other organisation gets no answer with data at all.

Outside shared channels nothing is asked of Slack: the channel's sharing comes from bot/channel_safety.py
(cached), and users.info is asked only about people typing in a shared channel.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from slack_sdk import WebClient
from sqlmodel import Session

from bot.channel_safety import SHARING, SharingUnknown, is_allowed
from commands.people import People, PeopleUnavailable
from commands.replies import Reply
from domain.channel_safety import Sharing, is_foreign, may_answer_in_channel
from domain.language import tr

logger = logging.getLogger("partnerbot.connect")


@dataclass(frozen=True)
class CommandPlace:
    channel_id: str | None
    sharing: Sharing
    foreign: bool


def place_of(client: WebClient, people: People, *, team_id: str, user_id: str, channel_id: str | None) -> CommandPlace:
    """Where the command was typed, and whether the person typing is from another organisation."""
    try:
        sharing = SHARING.of(client, channel_id) if channel_id else Sharing.INTERNAL
    except SharingUnknown:
        sharing = Sharing.UNKNOWN
    if sharing not in (Sharing.SHARED, Sharing.UNKNOWN):
        return CommandPlace(channel_id, sharing, foreign=False)
    try:
        person = people.lookup(user_id)
    except PeopleUnavailable:
        logger.warning("could not tell whether %s in shared channel %s is from this workspace", user_id, channel_id)
        return CommandPlace(channel_id, sharing, foreign=True)
    foreign = person is None or is_foreign(workspace=team_id, user_team=person.team_id, is_stranger=person.is_stranger)
    return CommandPlace(channel_id, sharing, foreign=foreign)


def foreign_refusal() -> Reply:
    return Reply.error(
        tr("Sorry, partnerbot answers only the people of the workspace that installed it; nothing was shown.")
    )


def in_place(reply: Reply, place: CommandPlace, session: Session, *, team_id: str) -> tuple[Reply, str | None]:
    """The reply as it may be shown where it was asked for, and the note to add when it became private."""
    here = place.channel_id
    shown_here = reply.public or (here is not None and reply.post_in_channel == here)
    if not shown_here or here is None:
        return reply, None
    if may_answer_in_channel(place.sharing, allowed=is_allowed(session, team_id=team_id, channel=here)):
        return reply, None
    post_elsewhere = None if reply.post_in_channel == here else reply.post_in_channel
    return replace(reply, public=False, post_in_channel=post_elsewhere), private_note(place.sharing)


def private_note(sharing: Sharing) -> str:
    if sharing is Sharing.SHARED:
        return tr(
            ":lock: Only you can see this: this channel is shared with another organisation, so partner data stays"
            " out of it. An admin can allow it with `/partner settings allow-shared` and the channel."
        )
    return tr(
        ":lock: Only you can see this: I could not check whether this channel is shared with another"
        " organisation, so partner data stays out of it."
    )


def with_note(payload: dict[str, Any], note: str | None) -> dict[str, Any]:
    """A message payload with the note on top (a context block), answered privately."""
    if not note:
        return payload
    context = {"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}
    return {**payload, "blocks": [context, *payload.get("blocks", [])], "response_type": "ephemeral"}
