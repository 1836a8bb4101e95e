"""One answer for "the database is down or too slow", whichever surface the user was on."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from bot.delivery import SORRY

DATABASE_UNAVAILABLE = ":hourglass: The database is not answering; nothing was changed. Try again in a minute."


def database_unavailable(error: BaseException | None) -> bool:
    """True when `error` (or what caused it) means the database could not be reached in time.

    OperationalError covers connect and statement timeouts, refused or dropped connections and
    SQLite's "database is locked"; TimeoutError is the connection pool's wait running out.
    """
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OperationalError | DisconnectionError | PoolTimeout):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def apology(error: BaseException) -> str:
    """What to tell the user when their request failed with `error`."""
    return DATABASE_UNAVAILABLE if database_unavailable(error) else SORRY


def tell_user(text: str, *, client: WebClient, user_id: str, response_url: str | None = None) -> None:
    """An ephemeral answer through the response URL, or a DM where there is none (App Home buttons)."""
    if response_url:
        WebhookClient(response_url).send_dict({"text": text, "response_type": "ephemeral", "replace_original": False})
    else:
        client.chat_postMessage(channel=user_id, text=text)
