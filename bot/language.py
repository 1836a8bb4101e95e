"""Every Slack request starts in its reader's language, and lazy listeners keep it.

bolt runs middleware before (not around) its listeners, so the middleware switches the language of the
request's context rather than opening a `speaking` block; every request passes through it, so a pooled thread
never answers in the previous request's language. The middleware runs before the ack, so it never asks Slack:
it speaks what is at hand (what this process last learned about the reader, their cached Slack locale). When
the reader's locale is not at hand, it leaves a note, and the executor that runs the lazy listeners — in a
copy of the request's context, so they inherit the language — asks users.info (cached 5 minutes) before the
listener runs. The command's own unit of work then refines the choice with the settings
(commands/context.py).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext

from bot.services import Services
from commands.language import provisional_language
from commands.people import People
from domain.language import switch_language


@dataclass(frozen=True)
class Reader:
    """Whose Slack locale a lazy listener should ask for before it runs."""

    people: People
    team_id: str | None
    user_id: str


_unknown_reader: contextvars.ContextVar[Reader | None] = contextvars.ContextVar("partnerbot_unknown_reader")


def speak_to_reader(context: BoltContext, next: Callable[[], None]) -> None:
    services: Services = context["services"]
    people, user = services.people, context.user_id
    switch_language(provisional_language(people, context.team_id, user, ask_slack=False))
    _unknown_reader.set(Reader(people, context.team_id, user) if user and people.known(user) is None else None)
    next()


def _in_readers_language(fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        reader = _unknown_reader.get(None)
        if reader is not None:
            switch_language(provisional_language(reader.people, reader.team_id, reader.user_id, ask_slack=True))
        return fn(*args, **kwargs)

    return run


class ContextCarryingExecutor(Executor):
    """Runs each task in a copy of the context it was submitted from (the reader's language above all), after
    learning the reader's Slack locale when the request could not."""

    def __init__(self, inner: Executor) -> None:
        self.inner = inner

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self.inner.submit(contextvars.copy_context().run, _in_readers_language(fn), *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.inner.shutdown(wait=wait, cancel_futures=cancel_futures)
