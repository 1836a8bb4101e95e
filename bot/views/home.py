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
from domain.language import N_, tr, trn

ADD_PARTNER_ACTION = "home_add_partner"
PARTNER_MENU_ACTION = "home_partner_menu"
MAX_HOME_BLOCKS = 100
MENU = (("feedback", N_("Record feedback…")), ("score", N_("Score…")), ("show", N_("Show card")))


def partner_section(stage: str, row: PartnerRow) -> SectionBlock:
    stalled = tr(" :hourglass: stalled") if row.stalled else ""
    options = [Option(value=f"{action}:{row.name}"[:150], label=tr(label)) for action, label in MENU]
    return SectionBlock(
        text=MarkdownTextObject(text=f"*{escape(row.name)}* — {escape(stage)}, {days(row.days_in_stage)}{stalled}"),
        accessory=OverflowMenuElement(action_id=PARTNER_MENU_ACTION, options=options),
    )


def build_home_view(home: HomeOverview) -> View:
    blocks: list[Block] = [
        header(tr("Your partners")),
        ActionsBlock(elements=[ButtonElement(text=tr("Add partner"), action_id=ADD_PARTNER_ACTION, style="primary")]),
    ]
    if home.questionnaires_waiting:
        blocks.append(section(tr("*Questionnaires waiting for you*")))
        for partner in home.questionnaires_waiting[:10]:
            blocks.append(
                SectionBlock(
                    text=MarkdownTextObject(text=tr("Score *{partner}*", partner=escape(partner))),
                    accessory=ButtonElement(text=tr("Answer"), action_id=OPEN_QUESTIONNAIRE, value=partner[:2000]),
                )
            )
        if len(home.questionnaires_waiting) > 10:
            more = len(home.questionnaires_waiting) - 10
            blocks.append(
                context(trn("…and {count} more waiting for you.", "…and {count} more waiting for you.", more))
            )
    if home.my_stalled:
        blocks.append(
            section(
                tr("*Your stalled partners*") + "\n" + "\n".join(f"• {stall_line(s)}" for s in home.my_stalled[:10])
            )
        )
        total = home.my_stalled_total if home.my_stalled_total is not None else len(home.my_stalled)
        if total > min(10, len(home.my_stalled)):
            more = total - min(10, len(home.my_stalled))
            blocks.append(
                context(
                    trn(
                        "…and {count} more stalled: `/partner stalled owner=@me`",
                        "…and {count} more stalled: `/partner stalled owner=@me`",
                        more,
                    )
                )
            )
    if home.my_partners:
        for group in home.my_partners:
            blocks += [partner_section(group.stage, row) for row in group.rows]
            if group.total > len(group.rows):
                more = trn(
                    "…and {count} more in {stage}: `/partner list {key} owner=@me`",
                    "…and {count} more in {stage}: `/partner list {key} owner=@me`",
                    group.total - len(group.rows),
                    stage=escape(group.stage),
                    key=escape(group.stage_key),
                )
                blocks.append(context(more))
    else:
        blocks.append(section(tr("You own no partners yet. Set yourself as owner with `owner=@you` or in the form.")))
    blocks += [DividerBlock(), *build_reply_blocks(home.journey)]
    if home.program is not None:
        blocks += build_reply_blocks(home.program)
    blocks.append(context(tr("Type `/partner help` in any channel for every command.")))
    if len(blocks) > MAX_HOME_BLOCKS:
        blocks = [
            *blocks[: MAX_HOME_BLOCKS - 1],
            context(clip(tr("Some partners are not shown; `/partner list owner=@me` pages through them all."), 200)),
        ]
    return View(type="home", blocks=blocks)
