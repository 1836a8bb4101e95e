"""The Web API client: honours SLACK_API_BASE_URL and retries rate limits as well as connection errors."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.settings import Settings

RATE_LIMIT_RETRIES = 3


def build_web_client(settings: Settings) -> WebClient:
    client = WebClient(
        token=settings.slack_bot_token,
        retry_handlers=[ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)],
    )
    if settings.slack_api_base_url:
        client.base_url = settings.slack_api_base_url
    return client
