"""Sending a Reply to Slack: a message through the response URL (or a DM), a modal through views.open, a
rewrite of a posted message through chat.update; and the one way listeners answer, refusals and failures included."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.channel_check import membership_hint
from bot.database_trouble import apology
from bot.digest_charts import charts_for, upload_charts
from bot.direct_messages import send_direct_messages
from bot.form_seal import FormSeal
from bot.views.blocks import build_reply_blocks
from bot.views.modals import build_modal
from bot.views.text import blocks_to_mrkdwn
from commands.context import Invocation
from commands.replies import Body, PostedMessage, Reply, reply_or_refusal

FALLBACK_LIMIT = 3000
NOT_IN_CHANNEL = ":wave: I am not in this channel yet. Type `/invite @partnerbot` here, then try again."


def message_payload(body: Body, *, public: bool = False) -> dict[str, Any]:
    blocks = [block.to_dict() for block in build_reply_blocks(body)]
    text = blocks_to_mrkdwn(blocks)[:FALLBACK_LIMIT]
    return {"blocks": blocks, "text": text, "response_type": "in_channel" if public else "ephemeral"}


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
) -> None:
    """Opens the reply's modal (first: a trigger_id lives 3 s), sends its DMs, then its message (which says
    who did not get their DM; with the invocation, what those DMs would have started is taken back).

    A modal's private_metadata is sealed with `seal`, so its submission can be trusted (bot/form_seal.py).
    """
    if reply.modal is not None and trigger_id:
        if seal is None:
            raise ValueError("a form is opened with the form seal, or its submission would be refused")
        metadata = {key: value for key, value in (("response_url", response_url), ("channel_id", channel_id)) if value}
        view = seal.seal(build_modal(reply.modal, user_id=user_id, metadata=metadata))
        client.views_open(trigger_id=trigger_id, view=view)
    body = send_direct_messages(client, reply, invocation, send_direct_message)
    if body is not None and reply.replaces:
        update_message(client, reply.replaces, body)
    elif body is not None and reply.post_in_channel:
        post_in_channel(client, reply.post_in_channel, body, response_url=response_url)
    elif body is not None:
        payload = message_payload(body, public=reply.public)
        if response_url:
            send_to_response_url(response_url, payload)
        else:
            send_direct_message(client, user_id, body)
    if reply.check_membership and response_url:
        hint = membership_hint(client, reply.check_membership)
        if hint:
            send_to_response_url(response_url, {"text": hint, "response_type": "ephemeral"})


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


def post_in_channel(client: WebClient, channel: str, body: Body, *, response_url: str | None = None) -> str | None:
    """A new message in `channel` (a digest gets its charts in the thread); returns its ts.

    When Slack refuses because the bot is not in the channel, the person who asked is told how to invite it.
    """
    payload = message_payload(body)
    try:
        posted = client.chat_postMessage(channel=channel, blocks=payload["blocks"], text=payload["text"])
    except SlackApiError as error:
        if error.response.get("error") not in ("not_in_channel", "channel_not_found") or not response_url:
            raise
        send_to_response_url(response_url, {"text": NOT_IN_CHANNEL, "response_type": "ephemeral"})
        return None
    ts = str(posted["ts"])
    charts = charts_for(body)
    if charts:
        upload_charts(client, channel, ts, charts)
    return ts


def send_direct_message(client: WebClient, user_id: str, body: Body) -> None:
    """A message in the user's DM with the app (chat.postMessage to a user id)."""
    payload = message_payload(body)
    client.chat_postMessage(channel=user_id, blocks=payload["blocks"], text=payload["text"])
