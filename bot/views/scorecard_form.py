"""The scorecard form: one line per criterion (`weight | question | help`), room for new ones, and a YAML file."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
)
from slack_sdk.models.blocks.block_elements import FileInputElement
from slack_sdk.models.views import View

from bot.views.format import clip
from bot.views.registry.form import VALUE
from commands.replies.scorecard_form import ScorecardForm
from commands.scoring.scorecard_form import CRITERION_PREFIX, NEW_CRITERIA, YAML_FILE
from domain.language import tr

CALLBACK_ID = "scorecard_form"
MAX_LINE = 400


def build_scorecard_modal(form: ScorecardForm, *, metadata: dict[str, str]) -> View:
    how = tr(
        "Each line is `weight | question | what 1 and 5 mean`; empty a line to drop its criterion. Saving makes"
        " scorecard version {version}; scores are recomputed with it.",
        version=form.version + 1,
    )
    blocks: list[Block] = [ContextBlock(elements=[MarkdownTextObject(text=how)])]
    blocks += [
        InputBlock(
            block_id=CRITERION_PREFIX + line.key,
            label=clip(line.key, 2000),
            optional=True,
            element=PlainTextInputElement(action_id=VALUE, initial_value=line.line, max_length=MAX_LINE),
        )
        for line in form.criteria
    ]
    blocks.append(
        InputBlock(
            block_id=NEW_CRITERIA,
            label=tr("New criteria"),
            optional=True,
            hint=tr("One a line: `key | weight | question | what 1 and 5 mean`"),
            element=PlainTextInputElement(action_id=VALUE, multiline=True, max_length=3000),
        )
    )
    blocks.append(
        InputBlock(
            block_id=YAML_FILE,
            label=tr("Or a YAML file"),
            optional=True,
            hint=tr("The format `partnerbot scorecard load` reads; it replaces the lines above."),
            element=FileInputElement(action_id=VALUE, filetypes=["yaml", "yml"], max_files=1),
        )
    )
    return View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=tr("Scorecard"),
        submit=tr("Save"),
        close=tr("Cancel"),
        private_metadata=json.dumps(metadata),
        blocks=blocks,
    )
