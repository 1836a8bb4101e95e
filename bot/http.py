"""HTTP mode: Slack requests at POST /slack/events, a health check at GET /healthz, served by waitress."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine

from bot.form_seal import FormSeal
from bot.health import HealthCheck
from bot.http_edge import SlackEdge, WsgiApp
from bot.settings import Settings

SLACK_PATH = "/slack/events"


def build_wsgi_app(app: App, engine: Engine, settings: Settings) -> WsgiApp:
    slack = SlackRequestHandler(app, path=SLACK_PATH)
    edge = SlackEdge(
        slack,
        signing_secret=settings.slack_signing_secret,
        max_body_bytes=settings.max_body_bytes,
        seal=FormSeal.from_settings(settings),
    )
    health = HealthCheck(engine, deadline=settings.health_timeout)

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path == "/healthz" and method in ("GET", "HEAD"):
            problem = health.problem()
            start_response("503 Service Unavailable" if problem else "200 OK", [("Content-Type", "text/plain")])
            return [f"{problem or 'ok'}\n".encode()]
        if path == SLACK_PATH and method == "POST":
            return edge(environ, start_response)
        return slack(environ, start_response)

    return wsgi
