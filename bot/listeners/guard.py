"""What each button and form needs, declared on its listener and checked before it runs.

A button refused answers the clicker privately (ephemeral, or by DM from the Home tab) and opens no modal; a
form refused shows the refusal on the form and stores nothing. The check and the listener's own work share
one transaction (`request_transaction`), committed when the listener is done. The check is the one commands use
(`commands.roles.require`), so a click and a typed command can never disagree.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from logging import Logger
from typing import Any, TypeVar
from urllib.parse import unquote

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.database_trouble import save_failed
from bot.delivery import answer, apologise
from bot.listeners.invocations import interaction_invocation, request_transaction
from bot.views.registry.form import read_metadata
from commands.replies import Reply
from commands.roles import require
from domain.errors import PartnerbotError
from domain.roles import Need, Permission

NEEDS = "partnerbot_needs"
"""The attribute every button and form listener carries: what it needs, from the request's body."""

NeedOf = Callable[[dict[str, Any]], Need]
Listener = TypeVar("Listener", bound=Callable[..., None])


def _refusal(body: dict[str, Any], context: BoltContext, need_of: NeedOf) -> str | None:
    """The refusal, or None when allowed; anything else (the database down) propagates: nothing runs unchecked."""
    try:
        require(interaction_invocation(body, context), need_of(body))
    except PartnerbotError as refused:
        return refused.message
    return None


def _declared(guarded: Callable[..., None], listener: Callable[..., None], need_of: NeedOf) -> None:
    """Names the guard after its listener; not `functools.wraps`, whose `__wrapped__` would make bolt pass only the
    listener's own arguments to the guard."""
    guarded.__name__ = guarded.__qualname__ = listener.__name__
    guarded.__doc__ = listener.__doc__
    setattr(guarded, NEEDS, need_of)


def _call(listener: Callable[..., None], **available: Any) -> None:
    wanted = inspect.getfullargspec(listener).args
    listener(**{name: value for name, value in available.items() if name in wanted})


def button_needs(need_of: NeedOf) -> Callable[[Listener], Listener]:
    """For a button or menu's (lazy) listener taking some of `body, client, context, logger`."""

    def wrap(listener: Listener) -> Listener:
        def guarded(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
            with request_transaction(context) as transaction:
                try:
                    refusal = _refusal(body, context, need_of)
                except Exception as error:
                    logger.exception("checking the role for a button failed")
                    apologise(client, body["user"]["id"], body.get("response_url"), logger, error)
                    return
                if refusal is None:
                    _call(listener, body=body, client=client, context=context, logger=logger)
                    transaction.commit()
                    return
            answer(
                lambda: Reply.error(refusal),
                client=client,
                user_id=body["user"]["id"],
                logger=logger,
                what="a refused button",
                response_url=body.get("response_url"),
            )

        _declared(guarded, listener, need_of)
        return guarded  # type: ignore[return-value]

    return wrap


def form_needs(need_of: NeedOf) -> Callable[[Listener], Listener]:
    """For a modal submission's ack listener taking some of `ack, body, client, context, logger`: a refusal shows on
    the form."""

    def wrap(listener: Listener) -> Listener:
        def guarded(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
            first = next(iter(body["view"].get("state", {}).get("values", {})), "name")
            with request_transaction(context) as transaction:
                try:
                    refusal = _refusal(body, context, need_of)
                    if refusal is None:
                        _call(listener, ack=ack, body=body, client=client, context=context, logger=logger)
                        transaction.commit()
                        return
                except Exception as error:
                    logger.exception("form %s failed", body["view"].get("callback_id"))
                    ack(response_action="errors", errors={first: save_failed(error)})
                    return
            ack(response_action="errors", errors={first: refusal})

        _declared(guarded, listener, need_of)
        return guarded  # type: ignore[return-value]

    return wrap


def always(need: Need) -> NeedOf:
    return lambda _: need


def metadata_partner(body: dict[str, Any]) -> Need:
    """A form about one partner, named in its (sealed) private metadata."""
    return Need(Permission.PARTNER, partner=str(read_metadata(body["view"]).get("partner", "")))


def metadata_alert(body: dict[str, Any]) -> Need:
    """A form opened from a stall alert: the alerted partner."""
    return Need(Permission.PARTNER, alert_id=int(read_metadata(body["view"]).get("alert") or 0))


def button_alert(body: dict[str, Any]) -> Need:
    """A stall alert's button: its value is the alert's id."""
    value = str(body["actions"][0].get("value", ""))
    return Need(Permission.PARTNER, alert_id=int(value) if value.isdecimal() else 0)


def button_partner(body: dict[str, Any]) -> Need:
    """A card button: its value is the partner's name."""
    return Need(Permission.PARTNER, partner=unquote(str(body["actions"][0].get("value", ""))))
