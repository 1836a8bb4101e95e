"""What a reply says once the posts its command enqueued were sent: the command reads how its steps went (e.g.
`ask` takes back the requests of leads Slack refused), so delivery stays the same for every reply. A command
registers its own `settle` (commands/scoring/asks.py); the verb table loads every command."""

from __future__ import annotations

from functools import singledispatch

from commands.context import Invocation
from domain.language import N_, tr

REASONS = {
    "user_not_found": N_("no such user"),
    "cannot_dm_bot": N_("a bot"),
    "user_disabled": N_("deactivated"),
    "account_inactive": N_("deactivated"),
    "channel_not_found": N_("no DM with them is possible"),
    "not_allowed_token_type": N_("the app may not DM them"),
    "restricted_action": N_("the workspace does not allow it"),
}


def why_not_sent(error: str) -> str:
    """The reason a user hears for a post Slack refused, from the error the outbox recorded."""
    if error in REASONS:
        return tr(REASONS[error])
    if error.startswith("http_"):
        return tr("Slack answered HTTP {status}", status=error.removeprefix("http_"))
    if error.startswith("connection") or not error:
        return tr("Slack did not answer")
    return tr("Slack answered {error}", error=error)


@singledispatch
def settle(body: object, invocation: Invocation) -> object:
    """The body to show after the sender ran for the command's posts; by default the body as it was."""
    return body
