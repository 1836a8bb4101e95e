from __future__ import annotations

import re

from slack_bolt import App

from bot.listeners.actions.card_buttons import open_form
from bot.listeners.actions.home_buttons import acknowledge, open_partner_menu, open_registration_form
from bot.listeners.actions.paging import turn_page
from bot.listeners.actions.questionnaire import open_questionnaire
from bot.listeners.actions.stall_alerts import (
    open_advance_form,
    open_snooze_form,
    show_all_stalled,
    show_partner_card,
    summary_menu,
)
from bot.views.card_forms import ACTION_PREFIX
from bot.views.home import ADD_PARTNER_ACTION, PARTNER_MENU_ACTION
from bot.views.paging import NEXT_ACTION, PREVIOUS_ACTION
from bot.views.scoring.questionnaire import OPEN_QUESTIONNAIRE
from bot.views.stalls import ADVANCE_ACTION, MENU_ACTION, MORE_ACTION, OPEN_ACTION, SNOOZE_ACTION
from commands.card_forms import CARD_ACTIONS


def register(app: App) -> None:
    app.action(ADD_PARTNER_ACTION)(ack=acknowledge, lazy=[open_registration_form])
    app.action(PARTNER_MENU_ACTION)(ack=acknowledge, lazy=[open_partner_menu])
    app.action(OPEN_QUESTIONNAIRE)(ack=acknowledge, lazy=[open_questionnaire])
    app.action(ADVANCE_ACTION)(ack=acknowledge, lazy=[open_advance_form])
    app.action(SNOOZE_ACTION)(ack=acknowledge, lazy=[open_snooze_form])
    app.action(OPEN_ACTION)(ack=acknowledge, lazy=[show_partner_card])
    app.action(MENU_ACTION)(ack=acknowledge, lazy=[summary_menu])
    app.action(MORE_ACTION)(ack=acknowledge, lazy=[show_all_stalled])
    app.action(NEXT_ACTION)(ack=acknowledge, lazy=[turn_page])
    app.action(PREVIOUS_ACTION)(ack=acknowledge, lazy=[turn_page])
    app.action(re.compile(f"^{ACTION_PREFIX}({'|'.join(CARD_ACTIONS)})$"))(ack=acknowledge, lazy=[open_form])
