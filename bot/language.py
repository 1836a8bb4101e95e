"""Every Slack request starts in its reader's language, and lazy listeners keep it.

bolt runs middleware before (not around) its listeners, so the middleware switches the language of the
request's context rather than opening a `speaking` block; every request passes through it, so a pooled thread
never answers in the previous request's language. Lazy listeners run on an executor's threads: the executor
here runs each in a copy of the submitting context, so they inherit the language (and nothing else changes).
The command's own unit of work then refines the choice with the settings (commands/context.py).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from slack_bolt import BoltContext

from bot.services import Services
from commands.language import provisional_language
from domain.language import switch_language


def speak_to_reader(context: BoltContext, next: Callable[[], None]) -> None:
    services: Services = context["services"]
    switch_language(provisional_language(services.people, context.team_id, context.user_id))
    next()


class ContextCarryingExecutor(Executor):
    """Runs each task in a copy of the context it was submitted from (the reader's language above all)."""

    def __init__(self, inner: Executor) -> None:
        self.inner = inner

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self.inner.submit(contextvars.copy_context().run, fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.inner.shutdown(wait=wait, cancel_futures=cancel_futures)
