"""Block Kit primitives shared by the builders, and the dispatcher from reply bodies to blocks."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.views.format import clip, escape

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
TONE_ICON = {"error": ":warning: ", "success": ":white_check_mark: ", "info": ""}


def section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(text, SECTION_LIMIT)))


def context(*texts: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(t, 2000)) for t in texts[:10]])


def header(text: str) -> HeaderBlock:
    """A header from raw text: Slack decodes &amp; &lt; &gt; in plain text too, so it is escaped like mrkdwn."""
    return HeaderBlock(text=clip(escape(text), 150))


def sections_from_lines(lines: list[str]) -> list[SectionBlock]:
    """Lines packed into as few sections as Slack's per-section text limit allows."""
    chunks: list[str] = []
    for line in lines:
        if chunks and len(chunks[-1]) + 1 + len(line) <= SECTION_LIMIT:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return [section(chunk) for chunk in chunks]


@singledispatch
def build_reply_blocks(body: Any) -> list[Block]:
    """Blocks for a reply body; each body type's builder registers itself here."""
    raise TypeError(f"no Block Kit builder for {type(body).__name__}")
