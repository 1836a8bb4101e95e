from __future__ import annotations

from slack_bolt import App

from bot.listeners.events.app_home import acknowledge, publish_home
from bot.listeners.events.uninstall import app_uninstalled, tokens_revoked


def register(app: App) -> None:
    app.event("app_home_opened")(ack=acknowledge, lazy=[publish_home])
    app.event("app_uninstalled")(app_uninstalled)
    app.event("tokens_revoked")(tokens_revoked)
