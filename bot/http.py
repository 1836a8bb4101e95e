"""HTTP mode: Slack requests at POST /slack/events, a health check at GET /healthz, served by waitress."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine, text

SLACK_PATH = "/slack/events"
logger = logging.getLogger("partnerbot.http")

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def database_answers(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        logger.exception("health check: the database does not answer")
        return False


def build_wsgi_app(app: App, engine: Engine) -> WsgiApp:
    slack = SlackRequestHandler(app, path=SLACK_PATH)

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            healthy = database_answers(engine)
            start_response("200 OK" if healthy else "503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"ok\n" if healthy else b"database unavailable\n"]
        return slack(environ, start_response)

    return wsgi


def serve(wsgi: WsgiApp, *, host: str, port: int, threads: int = 8) -> None:
    from waitress import serve as waitress_serve

    logger.info("serving Slack requests at http://%s:%s%s", host, port, SLACK_PATH)
    waitress_serve(wsgi, host=host, port=port, threads=threads, ident="partnerbot")
