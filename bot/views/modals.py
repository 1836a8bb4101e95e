"""The modal for each form a reply can ask to open."""

from __future__ import annotations

from slack_sdk.models.views import View

from bot.views.card_forms import build_card_form_modal
from bot.views.feedback import build_feedback_modal
from bot.views.registry.form import build_registration_modal
from bot.views.scorecard_form import build_scorecard_modal
from bot.views.scoring.questionnaire import build_score_modal
from bot.views.stalls import build_advance_modal, build_snooze_modal
from commands.replies import FeedbackForm, Modal, RegistrationForm, ScoreForm, StallAdvanceForm, StallSnoozeForm
from commands.replies.card_forms import CardForm
from commands.replies.scorecard_form import ScorecardForm


def build_modal(form: Modal, *, user_id: str, metadata: dict[str, str]) -> View:
    if isinstance(form, CardForm):
        return build_card_form_modal(form, metadata=metadata)
    if isinstance(form, RegistrationForm):
        return build_registration_modal(form, user_id=user_id, metadata=metadata)
    if isinstance(form, FeedbackForm):
        return build_feedback_modal(form, metadata=metadata)
    if isinstance(form, ScoreForm):
        return build_score_modal(form, metadata=metadata)
    if isinstance(form, StallAdvanceForm):
        return build_advance_modal(form)
    if isinstance(form, StallSnoozeForm):
        return build_snooze_modal(form)
    if isinstance(form, ScorecardForm):
        return build_scorecard_modal(form, metadata=metadata)
    raise TypeError(f"no modal for {type(form).__name__}")
