"""Listener packages, one per Slack surface; each exposes `register(app)`."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, events, views


def register_listeners(app: App) -> None:
    commands.register(app)
    views.register(app)
    actions.register(app)
    events.register(app)
