"""The App Home tab: the user's partners (each with a menu), their stalled partners, questionnaires
waiting for them, then the program's totals."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.views.blocks import build_reply_blocks, clip, context, header, section
from bot.views.format import days, escape
from bot.views.scoring.questionnaire import OPEN_QUESTIONNAIRE
from bot.views.stalls import stall_line
from commands.replies import HomeOverview, PartnerRow

ADD_PARTNER_ACTION = "home_add_partner"
PARTNER_MENU_ACTION = "home_partner_menu"
MAX_HOME_BLOCKS = 100
MENU = (("feedback", "Record feedback…"), ("score", "Score…"), ("show", "Show card"))


def partner_section(stage: str, row: PartnerRow) -> SectionBlock:
    stalled = " :hourglass: stalled" if row.stalled else ""
    options = [Option(value=f"{action}:{row.name}"[:150], label=label) for action, label in MENU]
    return SectionBlock(
        text=MarkdownTextObject(text=f"*{escape(row.name)}* — {escape(stage)}, {days(row.days_in_stage)}{stalled}"),
        accessory=OverflowMenuElement(action_id=PARTNER_MENU_ACTION, options=options),
    )


def build_home_view(home: HomeOverview) -> View:
    blocks: list[Block] = [
        header("Your partners"),
        ActionsBlock(elements=[ButtonElement(text="Add partner", action_id=ADD_PARTNER_ACTION, style="primary")]),
    ]
    if home.questionnaires_waiting:
        blocks.append(section("*Questionnaires waiting for you*"))
        for partner in home.questionnaires_waiting[:10]:
            blocks.append(
                SectionBlock(
                    text=MarkdownTextObject(text=f"Score *{escape(partner)}*"),
                    accessory=ButtonElement(text="Answer", action_id=OPEN_QUESTIONNAIRE, value=partner[:2000]),
                )
            )
        if len(home.questionnaires_waiting) > 10:
            blocks.append(context(f"…and {len(home.questionnaires_waiting) - 10} more waiting for you."))
    if home.my_stalled:
        blocks.append(
            section("*Your stalled partners*\n" + "\n".join(f"• {stall_line(s)}" for s in home.my_stalled[:10]))
        )
        total = home.my_stalled_total if home.my_stalled_total is not None else len(home.my_stalled)
        if total > min(10, len(home.my_stalled)):
            more = total - min(10, len(home.my_stalled))
            blocks.append(context(f"…and {more} more stalled: `/partner stalled owner=@me`"))
    if home.my_partners:
        for group in home.my_partners:
            blocks += [partner_section(group.stage, row) for row in group.rows]
            if group.total > len(group.rows):
                more = f"`/partner list {escape(group.stage_key)} owner=@me`"
                blocks.append(context(f"…and {group.total - len(group.rows)} more in {escape(group.stage)}: {more}"))
    else:
        blocks.append(section("You own no partners yet. Set yourself as owner with `owner=@you` or in the form."))
    blocks += [DividerBlock(), *build_reply_blocks(home.journey)]
    if home.program is not None:
        blocks += build_reply_blocks(home.program)
    blocks.append(context("Type `/partner help` in any channel for every command."))
    if len(blocks) > MAX_HOME_BLOCKS:
        blocks = [
            *blocks[: MAX_HOME_BLOCKS - 1],
            context(clip("Some partners are not shown; `/partner list owner=@me` pages through them all.", 200)),
        ]
    return View(type="home", blocks=blocks)
