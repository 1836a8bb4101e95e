"""The Web API client that speaks for each workspace: the one bot token of single-token mode, or in OAuth mode
the bot token the workspace's latest installation left in slack_sdk's installation store.

Jobs, the outbox sender and the command inbox act for many workspaces in one run; each post, DM, upload and
lookup goes out with the token of the workspace it belongs to, never another's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore

from bot.people import PeopleByWorkspace
from commands.people import EVERYONE, People
from storage import installs
from storage.unit_of_work import UnitOfWork


class WorkspaceClients:
    def __init__(
        self,
        template: WebClient,
        *,
        store: InstallationStore | None = None,
        database: Callable[[], UnitOfWork] | None = None,
    ) -> None:
        """`template` gives the base URL, timeout and retries; with a `store` (OAuth mode) its token is unused."""
        self._template = template
        self._store = store
        self._database = database
        self._by_token: dict[str, WebClient] = {}
        self._lock = threading.Lock()
        self._people = PeopleByWorkspace()

    @classmethod
    def single(cls, client: WebClient) -> WorkspaceClients:
        """Every workspace spoken to with `client` (single-token mode, or one request's own client)."""
        return cls(client)

    def for_team(self, team_id: str) -> WebClient | None:
        """The workspace's client; None when no installation of the app in it has a bot token."""
        if self._store is None:
            return self._template
        enterprise_id = None
        if self._database is not None:
            with self._database() as uow:
                enterprise_id = installs.enterprise_of(session=uow.session, team_id=team_id)
        installation = self._store.find_installation(enterprise_id=enterprise_id, team_id=team_id)
        token = installation.bot_token if installation is not None else None
        return self._client_for(token) if token else None

    def people_of(self, client: WebClient | None) -> People:
        """The workspace's directory (users.info with its token, cached as long as these clients live); where the
        app is not installed, nobody's locale is known, so DMs fall back to the workspace's language."""
        return self._people.of(client) if client is not None else EVERYONE

    def people_for(self, team_id: str) -> People:
        return self.people_of(self.for_team(team_id))

    def _client_for(self, token: str) -> WebClient:
        with self._lock:
            client = self._by_token.get(token)
            if client is None:
                template = self._template
                client = WebClient(
                    token=token,
                    base_url=template.base_url,
                    timeout=template.timeout,
                    retry_handlers=list(template.retry_handlers or []),
                )
                self._by_token[token] = client
            return client
