from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions.home_buttons import acknowledge, open_registration_form
from bot.listeners.actions.questionnaire import open_questionnaire
from bot.views.home import ADD_PARTNER_ACTION
from bot.views.score_blocks import OPEN_QUESTIONNAIRE


def register(app: App) -> None:
    app.action(ADD_PARTNER_ACTION)(ack=acknowledge, lazy=[open_registration_form])
    app.action(OPEN_QUESTIONNAIRE)(ack=acknowledge, lazy=[open_questionnaire])
