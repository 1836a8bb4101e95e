"""Installing to many workspaces: bolt's OAuth flow (`GET /slack/install`, `GET /slack/oauth_redirect`) over
slack_sdk's SQLAlchemy installation and state stores, in the app's own database.

Both stores live in the database every replica shares, so the redirect may land on any replica, not only the one
that showed the "Add to Slack" page (bolt's default file stores would tie the two requests to one machine).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from logging import Logger

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.settings import Settings
from bot.slack_scopes import required_bot_scopes
from bot.views.installs import install_failed_page, install_page, installed_page
from commands.installs import record_install
from domain.language import speaking
from storage.unit_of_work import UnitOfWork

logger = logging.getLogger("partnerbot.installs")
STATE_SECONDS = 600
"""How long an "Add to Slack" click stays valid (Slack's consent screen in between)."""


class SignedStateStore(OAuthStateStore):
    """slack_sdk's SQLAlchemy state store, each state signed with SLACK_STATE_SECRET: a redirect carrying a state
    this deployment did not issue is refused without asking the database, and a state row alone is not enough."""

    def __init__(self, stored: SQLAlchemyOAuthStateStore, secret: str) -> None:
        self._stored = stored
        self._key = secret.encode()

    @property
    def logger(self) -> Logger:
        return self._stored.logger

    def _signature(self, state: str) -> str:
        return hmac.new(self._key, state.encode(), hashlib.sha256).hexdigest()

    def issue(self, *args: object, **kwargs: object) -> str:
        state = self._stored.issue()
        return f"{state}.{self._signature(state)}"

    def consume(self, state: str) -> bool:
        issued, _, signature = (state or "").rpartition(".")
        if not issued or not hmac.compare_digest(signature, self._signature(issued)):
            logger.warning("an OAuth redirect came back with a state this deployment did not sign")
            return False
        return self._stored.consume(issued)


def installation_store(settings: Settings, engine: Engine) -> SQLAlchemyInstallationStore:
    assert settings.slack_client_id, "only in OAuth mode"
    return SQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine, logger=logger)


def browser_language(request: BoltRequest) -> str | None:
    """The first language of the browser's Accept-Language (`pl-PL,pl;q=0.9,en;q=0.8` → `pl-PL`)."""
    accepted = (request.headers.get("accept-language") or [""])[0]
    return accepted.split(",")[0].split(";")[0].strip() or None


def page(status: int, body: str, settings: OAuthSettings) -> BoltResponse:
    """A page that ends the flow, dropping the browser's state cookie as bolt's own pages do."""
    cookie = settings.state_utils.build_set_cookie_for_deletion()
    headers = {"Content-Type": "text/html; charset=utf-8", "Set-Cookie": cookie}
    return BoltResponse(status=status, body=body, headers=headers)


class InstallFlow(OAuthFlow):
    """bolt's OAuth flow with partnerbot's install page, in the browser's language."""

    def build_install_page_html(self, url: str, request: BoltRequest) -> str:
        with speaking(browser_language(request)):
            return install_page(url)


def install_flow(
    settings: Settings,
    engine: Engine,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> InstallFlow:
    """The flow, with the installation recorded as ours too: a workspace that had uninstalled gets its jobs back."""
    assert settings.slack_client_id and settings.slack_client_secret and settings.slack_state_secret
    store = installation_store(settings, engine)
    states = SignedStateStore(
        SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine, logger=logger),
        settings.slack_state_secret,
    )

    def installed(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        if installation.team_id:
            record_install(lambda: UnitOfWork(engine), team_id=installation.team_id, now=clock())
            logger.info("workspace %s installed the app (by %s)", installation.team_id, installation.user_id)
        with speaking(browser_language(args.request)):
            return page(200, installed_page(team_id=installation.team_id, app_id=installation.app_id), args.settings)

    def refused(args: FailureArgs) -> BoltResponse:
        logger.warning("an install did not complete: %s", args.reason)
        with speaking(browser_language(args.request)):
            body = install_failed_page(reason=args.reason, install_path=args.settings.install_path)
        return page(args.suggested_status_code, body, args.settings)

    oauth = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=sorted(required_bot_scopes()),
        user_scopes=[],
        installation_store=store,
        state_store=states,
        state_expiration_seconds=STATE_SECONDS,
        callback_options=CallbackOptions(success=installed, failure=refused),
        logger=logger,
    )
    return InstallFlow(settings=oauth, logger=logger)


def cached_authorize(oauth: OAuthSettings) -> InstallationStoreAuthorize:
    """bolt's authorize for OAuth apps, remembering each token's auth.test answer, so a request costs one indexed
    query for its workspace's installation and no extra Slack call before the ack (a new token, after a reinstall,
    is asked once)."""
    return InstallationStoreAuthorize(
        logger=logger,
        installation_store=oauth.installation_store,
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        token_rotation_expiration_minutes=oauth.token_rotation_expiration_minutes,
        cache_enabled=True,
    )
