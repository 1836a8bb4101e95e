"""Sending a Reply to Slack: a message through the response URL (or a DM), a modal through views.open."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.digest_charts import charts_for, upload_charts
from bot.views.blocks import build_reply_blocks
from bot.views.modals import build_modal
from bot.views.text import blocks_to_mrkdwn
from commands.replies import Body, Reply, ReplyFile

FALLBACK_LIMIT = 3000
NOT_IN_CHANNEL = ":wave: I am not in this channel yet. Type `/invite @partnerbot` here, then try again."
SORRY = ":warning: Sorry, something went wrong on our side and nothing was changed. Please try again in a moment."


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
) -> None:
    """Opens the reply's modal (first: a trigger_id lives 3 s), then sends its message."""
    if reply.modal is not None and trigger_id:
        metadata = {key: value for key, value in (("response_url", response_url), ("channel_id", channel_id)) if value}
        view = build_modal(reply.modal, user_id=user_id, metadata=metadata)
        client.views_open(trigger_id=trigger_id, view=view)
    if reply.body is not None and reply.post_in_channel:
        post_in_channel(client, reply.post_in_channel, reply.body, response_url=response_url)
    elif reply.body is not None:
        payload = message_payload(reply.body, public=reply.public)
        if response_url:
            send_to_response_url(response_url, payload)
        else:
            send_direct_message(client, user_id, reply.body)
    for message in reply.direct_messages:
        send_direct_message(client, message.user_id, message.body)
    if reply.files:
        send_files(client, user_id, reply.files)


def send_files(client: WebClient, user_id: str, files: tuple[ReplyFile, ...]) -> None:
    """Files in the requester's DM with the app: conversations.open (`im:write`), files_upload_v2 (`files:write`)."""
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    uploads = [{"content": f.content, "filename": f.filename, "title": f.title} for f in files]
    client.files_upload_v2(channel=channel, file_uploads=uploads)


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
