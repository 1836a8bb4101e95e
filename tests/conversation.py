"""Conversations with the bot in tests: `/partner` lines in, each reply as the console prints it.

The console renders a reply through the same Block Kit builders Slack gets, so checking its text
checks what a user reads, not the reply's data.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.console import render_reply
from commands.context import Invocation
from commands.replies import Body, Reply
from commands.verbs import handle

Expected = str | tuple[str, ...] | type[Body]
"""Text the answer contains; several texts it contains in this order; or the kind of reply body."""


def said(reply: Reply) -> str:
    """A reply as the console prints it: the text a Slack user reads, without the markup."""
    return render_reply(reply)


def says(answer: str, expected: str | tuple[str, ...]) -> bool:
    """Whether `answer` contains the expected text (each of several texts, in order)."""
    position = 0
    for text in (expected,) if isinstance(expected, str) else expected:
        found = answer.find(text, position)
        if found < 0:
            return False
        position = found + len(text)
    return True


def converse(invocation: Invocation, script: Iterable[tuple[str, Expected]]) -> None:
    """Runs each `/partner` line and checks its answer."""
    for line, expected in script:
        reply = handle(line, invocation)
        if isinstance(expected, type):
            assert isinstance(reply.body, expected), f"/partner {line} → {said(reply)}"
        else:
            assert says(said(reply), expected), f"/partner {line} → {said(reply)}"
