from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands.partner import acknowledge, run_partner_command


def register(app: App) -> None:
    app.command("/partner")(ack=acknowledge, lazy=[run_partner_command])
