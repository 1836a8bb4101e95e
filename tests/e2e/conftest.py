"""The real bolt App behind the real WSGI server on loopback, talking to a fake Slack Web API."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_sdk.models.views import View
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import Engine

from bot.app import build_app
from bot.form_seal import FormSeal
from bot.graceful import build_server
from bot.http import build_wsgi_app
from bot.services import Services
from bot.settings import Settings
from tests.conftest import sqlite_url
from tests.e2e.fake_slack import FakeSlack

SIGNING_SECRET = "test-signing-secret"


@dataclass
class HttpAnswer:
    status: int
    body: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.body)


@dataclass
class Slack:
    """Sends what Slack would send to the app, signed, and exposes the fake Web API's record."""

    fake: FakeSlack
    app_url: str
    engine: Engine

    def post(self, body: str, content_type: str, *, headers: dict[str, str] | None = None) -> HttpAnswer:
        request = urllib.request.Request(
            self.app_url + "/slack/events",
            data=body.encode(),
            method="POST",
            headers={"Content-Type": content_type, **(headers if headers is not None else self.sign(body))},
        )
        return self._send(request)

    def get(self, path: str) -> HttpAnswer:
        return self._send(urllib.request.Request(self.app_url + path))

    @staticmethod
    def _send(request: urllib.request.Request) -> HttpAnswer:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return HttpAnswer(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return HttpAnswer(error.code, error.read().decode())

    @staticmethod
    def sign(body: str, timestamp: int | None = None) -> dict[str, str]:
        stamp = str(timestamp if timestamp is not None else int(time.time()))
        signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=stamp, body=body)
        return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature or ""}

    def command(
        self, text: str, *, user: str = "U01ANNA", channel: str = "C1", response: str = "cmd", team: str = "T1"
    ) -> HttpAnswer:
        form = {
            "token": "legacy",
            "team_id": team,
            "team_domain": "acme",
            "channel_id": channel,
            "channel_name": "partners",
            "user_id": user,
            "user_name": "anna",
            "command": "/partner",
            "text": text,
            "api_app_id": "A1",
            "response_url": self.fake.response_url(response),
            "trigger_id": f"trigger-{response}",
        }
        return self.post(urlencode(form), "application/x-www-form-urlencoded")

    def interaction(self, payload: dict[str, Any]) -> HttpAnswer:
        return self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    def event(self, event: dict[str, Any], *, team: str = "T1") -> HttpAnswer:
        envelope = {
            "token": "legacy",
            "team_id": team,
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": "Ev1",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}],
        }
        return self.post(json.dumps(envelope), "application/json")

    def reply(self, response: str = "cmd", count: int = 1) -> dict[str, Any]:
        """The message the app sent to a response URL (the `count`-th one)."""
        return self.fake.wait_for(f"/response/{response}", count)[count - 1].body


def sealed(view: View, *, team_id: str = "T1", user_id: str = "U01ANNA") -> dict[str, Any]:
    """A modal built in a test, sealed as the app seals the forms it opens (with the test signing secret), for
    this workspace and person."""
    seal = FormSeal.from_settings(Settings(SLACK_SIGNING_SECRET=SIGNING_SECRET, _env_file=None))
    return seal.seal(view, team_id=team_id, user_id=user_id).to_dict()


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def app_settings(fake: FakeSlack, database_url: str, **more: str) -> Settings:
    """The app's settings; Anna (the default user of these tests) runs the workspace unless `more` says else."""
    more = {"PARTNERBOT_ADMINS": "U01ANNA", **more}
    return Settings(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_BASE_URL=fake.api_url,
        DATABASE_URL=database_url,
        PARTNERBOT_TIMEZONE="Europe/Warsaw",
        _env_file=None,
        **more,  # type: ignore[arg-type]
    )


@pytest.fixture
def slack(fake_slack: FakeSlack, sqlite_engine: Engine, tmp_path: Path) -> Iterator[Slack]:
    with serving(fake_slack, sqlite_engine, app_settings(fake_slack, sqlite_url(tmp_path))) as running:
        yield running


@contextmanager
def serving(fake: FakeSlack, engine: Engine, settings: Settings) -> Iterator[Slack]:
    """The real App over `engine` behind a waitress server on loopback, until the block ends."""
    services = Services(settings=settings, engine=engine)
    wsgi = build_wsgi_app(build_app(services), engine, settings)
    server = build_server(wsgi, host="127.0.0.1", port=0, threads=4, max_body_bytes=settings.max_body_bytes)
    stopping = threading.Event()

    def serve_until_stopped() -> None:
        """waitress's own run() cannot be stopped from another thread without racing its select loop."""
        while not stopping.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)
        server.close()
        server.task_dispatcher.shutdown()

    thread = threading.Thread(target=serve_until_stopped, daemon=True)
    thread.start()
    try:
        yield Slack(fake, f"http://127.0.0.1:{server.effective_port}", engine)
    finally:
        stopping.set()
        thread.join(timeout=5)
