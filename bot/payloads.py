"""A reply body as a Slack message payload: Block Kit blocks and the plain-text fallback."""

from __future__ import annotations

from typing import Any

from bot.views.blocks import build_reply_blocks
from bot.views.text import blocks_to_mrkdwn
from commands.replies import Body

FALLBACK_LIMIT = 3000


def message_payload(body: Body, *, public: bool = False) -> dict[str, Any]:
    blocks = [block.to_dict() for block in build_reply_blocks(body)]
    text = blocks_to_mrkdwn(blocks)[:FALLBACK_LIMIT]
    return {"blocks": blocks, "text": text, "response_type": "in_channel" if public else "ephemeral"}
