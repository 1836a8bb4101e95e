"""Submitting the scorecard form: an uploaded YAML file replaces the scorecard, else the edited lines do."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.listeners.guard import always, form_needs
from bot.listeners.views.forms import submit_form
from bot.slack_files import download_file
from bot.views.registry.form import VALUE
from commands.context import Invocation
from commands.replies import FormRejected, Reply
from commands.scoring.scorecard_form import MAX_YAML_BYTES, YAML_FILE, submit_scorecard_file, submit_scorecard_form
from domain.errors import PartnerbotError
from domain.language import N_
from domain.roles import admin_only


def uploaded_file_id(view: dict[str, Any]) -> str | None:
    files = view.get("state", {}).get("values", {}).get(YAML_FILE, {}).get(VALUE, {}).get("files") or []
    return str(files[0]["id"]) if files and files[0].get("id") else None


@form_needs(always(admin_only(N_("Changing the scorecard"))))
def submit_scorecard(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    file_id = uploaded_file_id(body["view"])

    def submit(values: dict[str, str | None], metadata: dict[str, Any], invocation: Invocation) -> Reply:
        if file_id is None:
            return submit_scorecard_form(values, invocation)
        try:
            content, name = download_file(client, file_id, max_bytes=MAX_YAML_BYTES)
        except PartnerbotError as error:
            raise FormRejected({YAML_FILE: error.message}) from None
        return submit_scorecard_file(content, name, invocation)

    submit_form(ack, body, context, logger, submit, YAML_FILE)
