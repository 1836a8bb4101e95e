"""`People` for Slack: users.lookupByEmail (scope `users:read.email`), each address asked once per instance."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError


class SlackPeople:
    def __init__(self, client: WebClient) -> None:
        self.client = client
        self.cache: dict[str, str | None] = {}

    def lookup_email(self, email: str) -> str | None:
        key = email.strip().casefold()
        if key not in self.cache:
            try:
                answer = self.client.users_lookupByEmail(email=email.strip())
                self.cache[key] = str(answer["user"]["id"])
            except SlackApiError as error:
                if error.response.get("error") != "users_not_found":
                    raise
                self.cache[key] = None
        return self.cache[key]
