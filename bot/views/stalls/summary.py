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

MENU_ACTION = "stall_summary_menu"
MORE_ACTION = "stall_summary_more"
MENU_CHOICES = (("advance", "Advance…"), ("snooze", "Snooze 7 days"), ("open", "Open"))


def summary_line_text(line: SummaryLine) -> str:
    text = (
        f"*{escape(line.partner)}* — {escape(line.stage)}, {days(line.days_over)} over the threshold · "
        f"{escape(line.last_activity)}"
    )
    if line.moved_to is not None:
        text += f"\n:arrow_forward: moved to {escape(line.moved_to)} by {person(line.by)}"
    elif line.snoozed_until is not None:
        text += f"\n:zzz: snoozed until {day(line.snoozed_until)} by {person(line.by)}"
    return text


def _line_block(line: SummaryLine) -> SectionBlock:
    text = MarkdownTextObject(text=clip(summary_line_text(line), 3000))
    if line.moved_to is not None or line.snoozed_until is not None:
        return SectionBlock(block_id=f"stall_line_{line.alert_id}", text=text)
    options = [Option(value=f"{verb}:{line.alert_id}", label=label) for verb, label in MENU_CHOICES]
    menu = OverflowMenuElement(action_id=MENU_ACTION, options=options)
    return SectionBlock(block_id=f"stall_line_{line.alert_id}", text=text, accessory=menu)


@build_reply_blocks.register
def build_summary_blocks(body: StallSummary) -> list[Block]:
    mine = " of yours" if body.owner else ""
    header = f":hourglass: *{body.new} partner{'s' if body.new != 1 else ''}{mine} newly stalled*"
    if body.stalled:
        header += f" ({body.stalled} stalled in all)"
    blocks: list[Block] = [section(header)]
    owner: str | None = "-"
    for line in body.lines:
        if line.owner != owner and not body.owner:
            owner = line.owner
            blocks.append(context(f"Owner: {person(owner)}" if owner else "No owner"))
        blocks.append(_line_block(line))
    if body.more:
        blocks.append(section(f"…and {body.more} more."))
        more = ButtonElement(text="Show all stalled partners", action_id=MORE_ACTION, value="stalled")
        blocks.append(ActionsBlock(block_id="stall_summary_more", elements=[more]))
    return blocks
