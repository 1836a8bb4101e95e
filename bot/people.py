"""The People port over Slack's users.info, with a short in-process cache.

An ask names up to 20 leads and the same leads come back in the next ask, so answers are kept a
few minutes; a deactivation shows up after that at the latest. Failures are never cached.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.expiring import ExpiringCache
from commands.people import PeopleUnavailable, Person

CACHE_SECONDS = 300.0
NO_SUCH_USER = ("user_not_found", "user_not_visible")
SLACKBOT = "USLACKBOT"  # users.info calls Slackbot a person


def person_from(user: dict[str, Any]) -> Person:
    profile = user.get("profile") or {}
    return Person(
        user_id=user["id"],
        name=profile.get("display_name") or user.get("real_name") or profile.get("real_name") or user.get("name", ""),
        is_bot=bool(user.get("is_bot")) or user["id"] == SLACKBOT,
        deleted=bool(user.get("deleted")),
        is_admin=bool(user.get("is_admin")),
        is_owner=bool(user.get("is_owner")),
        timezone=user.get("tz"),
        locale=user.get("locale"),
        email=profile.get("email"),
        team_id=user.get("team_id") or profile.get("team"),
        is_stranger=bool(user.get("is_stranger")),
    )


class SlackPeople:
    knows_emails = True

    def __init__(
        self, client: WebClient, *, cache_seconds: float = CACHE_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._client = client
        self._cache: ExpiringCache[str, Person | None] = ExpiringCache(cache_seconds, clock=clock)
        self._emails: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def known(self, user_id: str) -> Person | None:
        return self._cache.get(user_id)[1]

    def lookup(self, user_id: str) -> Person | None:
        fresh, cached = self._cache.get(user_id)
        if fresh:
            return cached
        person = self._ask_slack(user_id)
        self._cache.put(user_id, person)
        return person

    def _ask_slack(self, user_id: str) -> Person | None:
        try:
            answer = self._client.users_info(user=user_id, include_locale=True)
        except SlackClientError as error:
            response = getattr(error, "response", None)
            if response is not None and response.get("error") in NO_SUCH_USER:
                return None
            raise PeopleUnavailable(user_id) from error
        except OSError as error:
            raise PeopleUnavailable(user_id) from error
        return person_from(answer["user"])

    def lookup_email(self, email: str) -> str | None:
        """users.lookupByEmail (scope `users:read.email`), each address asked once per instance."""
        key = email.strip().casefold()
        if key not in self._emails:
            try:
                answer = self._client.users_lookupByEmail(email=email.strip())
                found: str | None = str(answer["user"]["id"])
            except SlackApiError as error:
                if error.response.get("error") != "users_not_found":
                    raise
                found = None
            with self._lock:
                self._emails[key] = found
        return self._emails[key]


class PeopleByWorkspace:
    """One SlackPeople (and its cache) per bot token, so a request asks its own workspace's directory with its own
    token, and answers are kept across requests (a reinstall's new token starts a fresh cache)."""

    def __init__(self) -> None:
        self._by_token: dict[str, SlackPeople] = {}
        self._lock = threading.Lock()

    def of(self, client: WebClient) -> SlackPeople:
        with self._lock:
            people = self._by_token.get(client.token or "")
            if people is None:
                people = self._by_token[client.token or ""] = SlackPeople(client)
            return people
