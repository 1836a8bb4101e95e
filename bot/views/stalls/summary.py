"""Block Kit for the daily summary of newly stalled partners: a header, lines grouped by owner, each with an
overflow menu (Advance… / Snooze / Open), and "and N more" with a button for the full list.

At most SHOWN_LINES lines and one owner heading each keep it well under Block Kit's 50 blocks.
"""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, Option, OverflowMenuElement, SectionBlock
from slack_sdk.models.blocks.basic_components import MarkdownTextObject

from bot.views.blocks import build_reply_blocks, context, section
from bot.views.format import clip, day, days, escape, person
from commands.replies import StallSummary, SummaryLine
from domain.language import N_, tr, trn

MENU_ACTION = "stall_summary_menu"
MORE_ACTION = "stall_summary_more"
MENU_CHOICES = (("advance", N_("Advance…")), ("snooze", N_("Snooze 7 days")), ("open", N_("Open")))


def summary_line_text(line: SummaryLine) -> str:
    text = tr(
        "*{partner}* — {stage}, {days} over the threshold · {activity}",
        partner=escape(line.partner),
        stage=escape(line.stage),
        days=days(line.days_over),
        activity=escape(line.last_activity),
    )
    if line.moved_to is not None:
        text += "\n" + tr(":arrow_forward: moved to {stage} by {who}", stage=escape(line.moved_to), who=person(line.by))
    elif line.snoozed_until is not None:
        text += "\n" + tr(":zzz: snoozed until {until} by {who}", until=day(line.snoozed_until), who=person(line.by))
    return text


def _line_block(line: SummaryLine) -> SectionBlock:
    text = MarkdownTextObject(text=clip(summary_line_text(line), 3000))
    if line.moved_to is not None or line.snoozed_until is not None:
        return SectionBlock(block_id=f"stall_line_{line.alert_id}", text=text)
    options = [Option(value=f"{verb}:{line.alert_id}", label=tr(label)) for verb, label in MENU_CHOICES]
    menu = OverflowMenuElement(action_id=MENU_ACTION, options=options)
    return SectionBlock(block_id=f"stall_line_{line.alert_id}", text=text, accessory=menu)


@build_reply_blocks.register
def build_summary_blocks(body: StallSummary) -> list[Block]:
    if body.owner:
        header = trn(
            ":hourglass: *{count} partner of yours newly stalled*",
            ":hourglass: *{count} partners of yours newly stalled*",
            body.new,
        )
    else:
        header = trn(
            ":hourglass: *{count} partner newly stalled*", ":hourglass: *{count} partners newly stalled*", body.new
        )
    if body.stalled:
        header += " " + tr("({count} stalled in all)", count=body.stalled)
    blocks: list[Block] = [section(header)]
    owner: str | None = "-"
    for line in body.lines:
        if line.owner != owner and not body.owner:
            owner = line.owner
            blocks.append(context(tr("Owner: {who}", who=person(owner)) if owner else tr("No owner")))
        blocks.append(_line_block(line))
    if body.more:
        blocks.append(section(trn("…and {count} more.", "…and {count} more.", body.more)))
        more = ButtonElement(text=tr("Show all stalled partners"), action_id=MORE_ACTION, value="stalled")
        blocks.append(ActionsBlock(block_id="stall_summary_more", elements=[more]))
    return blocks
