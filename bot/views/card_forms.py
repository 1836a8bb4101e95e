"""The partner card's buttons and the modals they open, built from the form's fields."""

from __future__ import annotations

import json
from urllib.parse import quote

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.views.format import clip
from bot.views.registry.form import VALUE
from commands.replies.card_forms import CardForm, FormField
from domain.language import N_, tr

CALLBACK_ID = "card_form"
ACTION_PREFIX = "card_"
BUTTONS = (
    ("advance", N_("Advance…")),
    ("log", N_("Log")),
    ("feedback", N_("Feedback")),
    ("kpi", "KPI"),
    ("score", N_("Score")),
    ("edit", N_("Edit")),
)


def card_buttons(partner: str) -> ActionsBlock:
    """One button per form; the value is the partner's name percent-encoded, so no typed name can ever read as
    markup anywhere in the message (at most 240 characters, within Slack's 2,000)."""
    return ActionsBlock(
        block_id="card_actions",
        elements=[
            ButtonElement(text=tr(label), action_id=ACTION_PREFIX + action, value=quote(partner))
            for action, label in BUTTONS
        ],
    )


def _element(field: FormField) -> object:
    if field.kind == "select":
        options = [Option(value=choice.value, label=choice.label) for choice in field.choices]
        initial = next((option for option in options if option.value == field.initial), None)
        return StaticSelectElement(
            action_id=VALUE,
            placeholder=tr("Choose {field}", field=field.label.lower()),
            options=options,
            initial_option=initial,
        )
    if field.kind == "user":
        return UserSelectElement(
            action_id=VALUE, placeholder=tr("Who manages this partner"), initial_user=field.initial
        )
    return PlainTextInputElement(
        action_id=VALUE, max_length=field.max_length, multiline=field.kind == "multiline", initial_value=field.initial
    )


def build_card_form_modal(form: CardForm, *, metadata: dict[str, str]) -> View:
    blocks: list[Block] = [
        InputBlock(
            block_id=field.key, label=field.label, optional=field.optional, hint=field.hint, element=_element(field)
        )  # type: ignore[arg-type]
        for field in form.fields
    ]
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=clip(form.title, 24),
        submit=form.submit,
        close=tr("Cancel"),
        private_metadata=json.dumps({**metadata, "form": form.kind, "partner": form.partner}),
        blocks=blocks,
    )
