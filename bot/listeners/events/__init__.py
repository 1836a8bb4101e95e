from __future__ import annotations

from slack_bolt import App

from bot.listeners.events.app_home import acknowledge, publish_home


def register(app: App) -> None:
    app.event("app_home_opened")(ack=acknowledge, lazy=[publish_home])
