"""What a reply says once its direct messages were sent: the command that asked for them interprets who did
not get theirs (e.g. `ask` takes those requests back), so delivery stays the same for every reply."""

from __future__ import annotations

from functools import singledispatch

from commands.context import Invocation

NotSent = tuple[tuple[str, str], ...]
"""(user id, why) for each DM Slack did not take."""


@singledispatch
def settle(body: object, not_sent: NotSent, invocation: Invocation | None) -> object:
    """The body to show after some DMs failed; by default the body as it was."""
    return body


import commands.scoring.asks  # noqa: E402, F401  (registers how `ask` settles its DMs)
