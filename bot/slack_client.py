"""The Web API client: honours SLACK_API_BASE_URL and retries rate limits as well as connection errors."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from sqlalchemy import Engine

from bot.installs import installation_store
from bot.settings import Settings
from bot.workspace_clients import WorkspaceClients
from storage.unit_of_work import UnitOfWork

RATE_LIMIT_RETRIES = 3


def build_web_client(settings: Settings) -> WebClient:
    """In OAuth mode the client has no token of its own: each request or job gives it its workspace's."""
    client = WebClient(
        token=None if settings.installs_to_many_workspaces else settings.slack_bot_token,
        retry_handlers=[ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)],
    )
    if settings.slack_api_base_url:
        client.base_url = settings.slack_api_base_url
    return client


def build_workspace_clients(settings: Settings, engine: Engine) -> WorkspaceClients:
    """Each workspace's client for jobs and the outbox: from the installation store in OAuth mode."""
    client = build_web_client(settings)
    if not settings.installs_to_many_workspaces:
        return WorkspaceClients.single(client)
    return WorkspaceClients(
        client, store=installation_store(settings, engine), database=lambda: UnitOfWork(engine)
    )
