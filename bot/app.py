"""Builds the bolt App from settings: one construction for Socket Mode and HTTP mode."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import replace
from typing import Any

from slack_bolt import App, BoltContext

from bot.foreign_users import refuse_foreign_users
from bot.form_seal import refuse_forged_forms
from bot.installs import cached_authorize, install_flow
from bot.listeners import register_listeners
from bot.log_safety import quiet_bolt
from bot.people import PeopleByWorkspace
from bot.reinstall import ReinstallWatch
from bot.request_log import LoggedApp
from bot.services import Services
from bot.slack_client import build_web_client


def inject_services(services: Services) -> Callable[..., None]:
    """The services, with Slack's directory asked through the request's own client (its workspace's token)."""
    directories = PeopleByWorkspace()

    def middleware(context: BoltContext, next: Callable[[], None]) -> None:
        context["services"] = replace(services, people=directories.of(context.client))
        next()

    return middleware


def build_app(services: Services, *, verify_requests: bool = True, listener_executor: Executor | None = None) -> App:
    """`process_before_response=True`: the ack is the HTTP response, and slow work runs in lazy listeners.

    `verify_requests=False` is only for Socket Mode, where Slack authenticates the socket instead.
    `listener_executor` runs the lazy listeners; a caller that owns it can wait for them on shutdown.
    With SLACK_CLIENT_ID (and its secrets) each workspace installs the app itself and requests carry its own token
    (bot/installing.py); otherwise SLACK_BOT_TOKEN speaks for every request.
    """
    settings = services.settings
    logger = logging.getLogger("partnerbot.slack")
    quiet_bolt(logger)
    client = build_web_client(settings)
    installing: dict[str, Any] = {}
    if settings.installs_to_many_workspaces:
        flow = install_flow(settings, services.engine, clock=services.clock)
        installing = {"oauth_flow": flow, "authorize": cached_authorize(flow.settings)}
    app = LoggedApp(
        signing_secret=settings.slack_signing_secret if verify_requests else None,
        request_verification_enabled=verify_requests,
        client=client,
        process_before_response=True,
        listener_executor=listener_executor,
        logger=logger,
        **installing,
    )
    app.use(refuse_forged_forms(services.form_seal))
    app.use(refuse_foreign_users)
    app.use(inject_services(services))
    if not settings.installs_to_many_workspaces:  # with OAuth, the redirect of a reinstall says so itself
        app.use(ReinstallWatch(services).middleware)
    register_listeners(app)
    return app
