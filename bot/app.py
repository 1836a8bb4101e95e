"""Builds the bolt App from settings: one construction for Socket Mode and HTTP mode."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import replace

from slack_bolt import App, BoltContext

from bot.form_seal import refuse_forged_forms
from bot.language import ContextCarryingExecutor, speak_to_reader
from bot.listeners import register_listeners
from bot.log_safety import quiet_bolt
from bot.people import SlackPeople
from bot.reinstall import ReinstallWatch
from bot.services import Services
from bot.slack_client import build_web_client


def inject_services(services: Services) -> Callable[..., None]:
    def middleware(context: BoltContext, next: Callable[[], None]) -> None:
        context["services"] = services
        next()

    return middleware


def build_app(services: Services, *, verify_requests: bool = True, listener_executor: Executor | None = None) -> App:
    """`process_before_response=True`: the ack is the HTTP response, and slow work runs in lazy listeners.

    `verify_requests=False` is only for Socket Mode, where Slack authenticates the socket instead.
    `listener_executor` runs the lazy listeners; a caller that owns it can wait for them on shutdown.
    """
    settings = services.settings
    logger = logging.getLogger("partnerbot.slack")
    quiet_bolt(logger)
    client = build_web_client(settings)
    app = App(
        signing_secret=settings.slack_signing_secret if verify_requests else None,
        request_verification_enabled=verify_requests,
        client=client,
        process_before_response=True,
        listener_executor=ContextCarryingExecutor(listener_executor or ThreadPoolExecutor(max_workers=5)),
        logger=logger,
    )
    app.use(refuse_forged_forms(services.form_seal))
    app.use(inject_services(replace(services, people=SlackPeople(client))))
    app.use(speak_to_reader)
    app.use(ReinstallWatch(services).middleware)
    register_listeners(app)
    return app
