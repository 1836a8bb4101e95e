from __future__ import annotations

from slack_bolt import App

from bot.listeners.views.registration import confirm_registration, submit_registration_form
from bot.views.registration import CALLBACK_ID


def register(app: App) -> None:
    app.view(CALLBACK_ID)(ack=submit_registration_form, lazy=[confirm_registration])
