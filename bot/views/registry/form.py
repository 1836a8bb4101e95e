"""The partner registration modal, and reading its submitted state back."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from commands.replies import Choice, RegistrationForm
from domain.language import tr
from domain.partner import MAX_NAME_LENGTH, MAX_TEXT_LENGTH

CALLBACK_ID = "partner_registration"
VALUE = "value"


def _select(block_id: str, label: str, placeholder: str, choices: tuple[Choice, ...]) -> InputBlock:
    options = [Option(value=choice.value, label=choice.label) for choice in choices]
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=True,
        element=StaticSelectElement(action_id=VALUE, placeholder=placeholder, options=options),
    )


def _text(
    block_id: str, label: str, max_length: int, *, multiline: bool = False, hint: str | None = None
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=True,
        hint=hint,
        element=PlainTextInputElement(action_id=VALUE, max_length=max_length, multiline=multiline),
    )


def build_registration_modal(form: RegistrationForm, *, user_id: str, metadata: dict[str, str]) -> View:
    """The modal that `/partner add` with no name opens. `metadata` says where to confirm the result."""
    blocks: list[Block] = [
        InputBlock(
            block_id="name",
            label=tr("Partner name"),
            hint=tr("Unique in this workspace, ignoring case. Up to 80 characters."),
            element=PlainTextInputElement(
                action_id=VALUE, max_length=MAX_NAME_LENGTH, initial_value=form.name or None, focus_on_load=True
            ),
        ),
        _select("type", tr("Type"), tr("Choose type"), form.types),
        _select("size", tr("Size"), tr("Choose size"), form.sizes),
        _text("segment", tr("Segment / specialization"), MAX_TEXT_LENGTH["segment"]),
        InputBlock(
            block_id="owner",
            label=tr("Owner"),
            optional=True,
            element=UserSelectElement(
                action_id=VALUE, placeholder=tr("Who manages this partner"), initial_user=user_id
            ),
        ),
        _select("alliance", tr("Alliance structure"), tr("Choose alliance structure"), form.alliances),
        *(
            [_select("source", tr("Where they came from"), tr("Choose where they came from"), form.sources)]
            if form.sources
            else []
        ),
        _text("notes", tr("Notes"), MAX_TEXT_LENGTH["notes"], multiline=True),
    ]
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=tr("New partner"),
        submit=tr("Add partner"),
        close=tr("Cancel"),
        private_metadata=json.dumps(metadata),
        blocks=blocks,
    )


def _input_value(action: dict[str, Any]) -> str | None:
    if action.get("type") == "static_select":
        return (action.get("selected_option") or {}).get("value")
    if action.get("type") == "multi_static_select":
        return ",".join(option["value"] for option in action.get("selected_options") or []) or None
    if action.get("type") == "users_select":
        return action.get("selected_user")
    return action.get("value")


def read_submission(view: dict[str, Any]) -> dict[str, str | None]:
    """Field name → submitted value (None where left empty), from a `view_submission` payload."""
    state = view.get("state", {}).get("values", {})
    return {block_id: _input_value(actions.get(VALUE, {})) for block_id, actions in state.items()}


def read_metadata(view: dict[str, Any]) -> dict[str, Any]:
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        return {}
    return metadata if isinstance(metadata, dict) else {}
