"""One answer for "the database is down or too slow", whichever surface the user was on."""

from __future__ import annotations

from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from domain.language import N_, tr

SORRY = N_(":warning: Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.")
DATABASE_UNAVAILABLE = N_(":hourglass: The database is not answering; nothing was changed. Try again in a minute.")


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
    return tr(DATABASE_UNAVAILABLE) if database_unavailable(error) else tr(SORRY)


SAVE_FAILED = N_("Sorry, that could not be saved. Please try again.")


def save_failed(error: Exception) -> str:
    """What a form says in itself when storing it failed: the database is down, or something else went wrong."""
    return tr(DATABASE_UNAVAILABLE) if database_unavailable(error) else tr(SAVE_FAILED)
