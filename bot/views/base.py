"""Block Kit for the simplest bodies: notices and help."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import TONE_ICON, build_reply_blocks, context, header, section, sections_from_lines
from bot.views.format import escape
from commands.replies import HelpSheet, Notice
from domain.language import tr


@build_reply_blocks.register
def _notice(body: Notice) -> list[Block]:
    return [section(TONE_ICON[body.tone] + escape(body.text))]


@build_reply_blocks.register
def _help(body: HelpSheet) -> list[Block]:
    if body.focus is not None:
        focus = body.focus
        examples = "\n".join(f"`{example}`" for example in focus.examples)
        return [section(f"`{focus.usage}`\n{focus.summary}"), context(tr("Examples:") + "\n" + examples)]
    lines = [
        f"`{verb.usage}`\n" + tr("{summary} e.g. `{example}`", summary=verb.summary, example=verb.examples[0])
        for verb in body.verbs
    ]
    return [
        header(tr("partnerbot: /partner commands")),
        *sections_from_lines(lines),
        context(
            tr('Names with spaces go in quotes: `"Globex Corporation"`. `/partner help VERB` explains one command.')
        ),
    ]
