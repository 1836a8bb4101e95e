"""The Invocation for an interactive payload (a button, a menu, a modal submission), and the one transaction each
such request runs in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from slack_bolt import BoltContext

from bot.services import Services
from commands.context import Invocation
from storage.unit_of_work import SharedTransaction

REQUEST_TRANSACTION = "request_transaction"


def interaction_invocation(body: dict[str, Any], context: BoltContext) -> Invocation:
    """Who clicked or submitted, in which workspace, now; inside `request_transaction`, in its transaction.
    A submitted modal is a form, anything else a button."""
    services: Services = context["services"]
    surface = "form" if body.get("type") == "view_submission" else "button"
    invocation = services.invocation(
        team_id=context.team_id or body["team"]["id"], user_id=body["user"]["id"], surface=surface
    )
    shared: SharedTransaction | None = context.get(REQUEST_TRANSACTION)
    return invocation if shared is None else replace(invocation, database=shared.unit_of_work)


@contextmanager
def request_transaction(context: BoltContext) -> Iterator[SharedTransaction]:
    """One session for a whole button or form request: its role check and its command's units of work are
    savepoints of it, committed once by the caller; left uncommitted, all of it rolls back."""
    shared = SharedTransaction(context["services"].engine)
    context[REQUEST_TRANSACTION] = shared
    try:
        yield shared
    finally:
        context.pop(REQUEST_TRANSACTION, None)
        shared.close()
