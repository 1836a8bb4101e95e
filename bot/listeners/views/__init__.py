from __future__ import annotations

from slack_bolt import App

from bot.listeners.views.forms import (
    confirm_submission,
    submit_card_form,
    submit_feedback,
    submit_registration_form,
    submit_score,
)
from bot.listeners.views.scorecard_form import submit_scorecard
from bot.listeners.views.stall_forms import submit_advance, submit_snooze
from bot.views.card_forms import CALLBACK_ID as CARD_FORM
from bot.views.feedback import CALLBACK_ID as FEEDBACK
from bot.views.registry.form import CALLBACK_ID as REGISTRATION
from bot.views.scorecard_form import CALLBACK_ID as SCORECARD
from bot.views.scoring.questionnaire import CALLBACK_ID as SCORE
from bot.views.stalls import ADVANCE_CALLBACK, SNOOZE_CALLBACK


def register(app: App) -> None:
    app.view(REGISTRATION)(ack=submit_registration_form, lazy=[confirm_submission])
    app.view(FEEDBACK)(ack=submit_feedback, lazy=[confirm_submission])
    app.view(SCORE)(ack=submit_score, lazy=[confirm_submission])
    app.view(ADVANCE_CALLBACK)(ack=submit_advance, lazy=[confirm_submission])
    app.view(SNOOZE_CALLBACK)(ack=submit_snooze, lazy=[confirm_submission])
    app.view(CARD_FORM)(ack=submit_card_form, lazy=[confirm_submission])
    app.view(SCORECARD)(ack=submit_scorecard, lazy=[confirm_submission])
