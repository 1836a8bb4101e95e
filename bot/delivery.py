"""Sending a Reply to Slack: a message through the response URL (or a DM), a modal through views.open, a
rewrite of a posted message through chat.update, a message for a channel through the outbox; and the one way
listeners answer, refusals and failures included."""

from __future__ import annotations

import logging
from collections.abc import Callable
from logging import Logger
from typing import Any, cast

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.channel_check import membership_hint
from bot.command_privacy import with_note
from bot.database_trouble import apology
from bot.form_seal import FormSeal
from bot.outbox import drain
from bot.outbox.posts import post_now
from bot.payloads import message_payload
from bot.views.modals import build_modal
from bot.workspace_clients import WorkspaceClients
from commands.context import Invocation
from commands.direct_messages import settle
from commands.replies import Body, PostedMessage, Reply, ReplyFile, reply_or_refusal


def send_to_response_url(response_url: str, payload: dict[str, Any]) -> None:
    WebhookClient(response_url).send_dict({**payload, "replace_original": False})


def deliver(
    reply: Reply,
    *,
    client: WebClient,
    user_id: str,
    response_url: str | None = None,
    trigger_id: str | None = None,
    channel_id: str | None = None,
    invocation: Invocation | None = None,
    seal: FormSeal | None = None,
    note: str | None = None,
    team_id: str | None = None,
) -> None:
    """Opens the reply's modal (first: a trigger_id lives 3 s), sends the posts its command enqueued (the
    outbox), then its message, which the command settles with how those posts went (e.g. who got their DM).

    A modal's private_metadata is sealed with `seal`, so its submission can be trusted (bot/form_seal.py).
    `team_id` (else the invocation's) is sealed in with the user. `note` heads a message answered privately in a
    shared channel (bot/command_privacy.py).
    """
    if reply.modal is not None and trigger_id:
        team = team_id or (invocation.team_id if invocation is not None else None)
        if seal is None or team is None:
            raise ValueError("a form is opened with the form seal and its workspace, or its submission is refused")
        metadata = {key: value for key, value in (("response_url", response_url), ("channel_id", channel_id)) if value}
        view = seal.seal(build_modal(reply.modal, user_id=user_id, metadata=metadata), team_id=team, user_id=user_id)
        client.views_open(trigger_id=trigger_id, view=view)
    body = reply.body
    if reply.sends and invocation is not None:
        send_queued(client, invocation)
        body = settled(body, invocation)
    if body is not None and reply.replaces:
        update_message(client, reply.replaces, body)
    elif body is not None and reply.post_in_channel and invocation is not None:
        told = post_now(
            invocation.database, client, team_id=invocation.team_id, channel=reply.post_in_channel, body=body
        )
        if told and response_url:
            send_to_response_url(response_url, {"text": told, "response_type": "ephemeral"})
    elif body is not None:
        payload = with_note(message_payload(body, public=reply.public), note)
        if response_url:
            send_to_response_url(response_url, payload)
        else:
            send_direct_message(client, user_id, body)
    if reply.check_membership and response_url:
        hint = membership_hint(client, reply.check_membership)
        if hint:
            send_to_response_url(response_url, {"text": hint, "response_type": "ephemeral"})
    if reply.files:
        send_files(client, user_id, reply.files)


def answer(
    run: Callable[[], Reply],
    *,
    client: WebClient,
    user_id: str,
    logger: Logger,
    what: str,
    response_url: str | None = None,
    trigger_id: str | None = None,
    channel_id: str | None = None,
    invocation: Invocation | None = None,
    seal: FormSeal | None = None,
    team_id: str | None = None,
) -> None:
    """Runs a command and delivers its reply: how every listener answers.

    A refusal becomes an error reply; anything unexpected is logged with its traceback, and the user
    hears SORRY (through the response URL, or by DM) rather than nothing.
    """
    try:
        reply = reply_or_refusal(run)
        deliver(
            reply,
            client=client,
            user_id=user_id,
            response_url=response_url,
            trigger_id=trigger_id,
            channel_id=channel_id,
            invocation=invocation,
            seal=seal,
            team_id=team_id,
        )
    except Exception as error:
        logger.exception("%s failed", what)
        apologise(client, user_id, response_url, logger, error)


def apologise(client: WebClient, user_id: str, response_url: str | None, logger: Logger, error: Exception) -> None:
    """Tells the user their request failed: the database is not answering, or something else went wrong."""
    text = apology(error)
    try:
        if response_url:
            send_to_response_url(response_url, {"text": text, "response_type": "ephemeral"})
        else:
            client.chat_postMessage(channel=user_id, text=text)
    except Exception:
        logger.exception("could not tell %s that something went wrong", user_id)


def update_message(client: WebClient, message: PostedMessage, body: Body) -> None:
    """Rewrites a message the app posted earlier (chat.update), e.g. a stall alert once acted on."""
    payload = message_payload(body)
    client.chat_update(channel=message.channel, ts=message.ts, blocks=payload["blocks"], text=payload["text"])


def send_files(client: WebClient, user_id: str, files: tuple[ReplyFile, ...]) -> None:
    """Files in the requester's DM with the app: conversations.open (`im:write`), files_upload_v2 (`files:write`)."""
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    uploads = [{"content": f.content, "filename": f.filename, "title": f.title} for f in files]
    client.files_upload_v2(channel=channel, file_uploads=uploads)


def send_queued(client: WebClient, invocation: Invocation) -> None:
    """Runs the sender for what the command enqueued; when it cannot, the scheduled sender will (the command's
    own work is done, so the user is not told it failed)."""
    try:
        drain(invocation.database, WorkspaceClients.single(client), team_id=invocation.team_id)
    except Exception:
        logging.getLogger("partnerbot.outbox").exception("the outbox could not send now; the scheduled sender will")


def settled(body: Body | None, invocation: Invocation) -> Body | None:
    """The body as the command reads it once its posts were tried; as it was when that cannot be read."""
    if body is None:
        return None
    try:
        return cast(Body, settle(body, invocation))
    except Exception:
        logging.getLogger("partnerbot.outbox").exception("how the posts went could not be read")
        return body


def send_direct_message(client: WebClient, user_id: str, body: Body) -> None:
    """A message in the user's DM with the app (chat.postMessage to a user id)."""
    payload = message_payload(body)
    client.chat_postMessage(channel=user_id, blocks=payload["blocks"], text=payload["text"])
