"""Conversations with the bot in tests: `/partner` lines in, each reply as the console prints it.

The console renders a reply through the same Block Kit builders Slack gets, so checking its text
checks what a user reads, not the reply's data. A conversation is a list of (line, expected) pairs,
or a script with one exchange per line, `command → what the answer says`, where ` … ` separates
texts the answer contains in that order and `⏎` stands for a line break.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.console import render_reply
from commands.context import Invocation
from commands.replies import Body, Reply
from commands.verbs import handle

Expected = str | tuple[str, ...] | type[Body]
"""Text the answer contains; several texts it contains in this order; or the kind of reply body."""

_PADDING = re.compile(r" {2,}")
_LINE_BREAK = re.compile(r" ?⏎ ?")


def said(reply: Reply) -> str:
    """A reply as the console prints it, with the padding of table columns squeezed to one space."""
    return _PADDING.sub(" ", render_reply(reply))


def says(answer: str, expected: str | tuple[str, ...]) -> bool:
    """Whether `answer` contains the expected text (each of several texts, in order)."""
    position = 0
    for text in (expected,) if isinstance(expected, str) else expected:
        found = answer.find(text, position)
        if found < 0:
            return False
        position = found + len(text)
    return True


def exchanges(script: str) -> list[tuple[str, tuple[str, ...]]]:
    lines = (line.strip() for line in script.strip().splitlines())
    return [
        (command, tuple(_LINE_BREAK.sub("\n", text) for text in answer.split(" … ")))
        for command, answer in (line.split(" → ", 1) for line in lines if line)
    ]


def converse(invocation: Invocation, script: str | Iterable[tuple[str, Expected]]) -> None:
    """Runs each `/partner` line and checks its answer."""
    for line, expected in exchanges(script) if isinstance(script, str) else script:
        reply = handle(line, invocation)
        if isinstance(expected, type):
            assert isinstance(reply.body, expected), f"/partner {line} → {said(reply)}"
        else:
            assert says(said(reply), expected), f"/partner {line} → {said(reply)}"
