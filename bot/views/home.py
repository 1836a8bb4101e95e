"""The App Home tab."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock
from slack_sdk.models.views import View

from bot.views.blocks import build_reply_blocks, context, header, section, sections_from_lines
from bot.views.replies import group_lines
from commands.replies import HomeOverview

ADD_PARTNER_ACTION = "home_add_partner"
MAX_HOME_BLOCKS = 100


def build_home_view(home: HomeOverview) -> View:
    blocks: list[Block] = [
        header("Your partners"),
        ActionsBlock(elements=[ButtonElement(text="Add partner", action_id=ADD_PARTNER_ACTION, style="primary")]),
    ]
    if home.my_partners:
        for group in home.my_partners:
            blocks += sections_from_lines(group_lines(group))
    else:
        blocks.append(section("You own no partners yet. Set yourself as owner with `owner=@you` or in the form."))
    blocks += [DividerBlock(), *build_reply_blocks(home.journey)]
    blocks.append(context("Type `/partner help` in any channel for every command."))
    return View(type="home", blocks=blocks[:MAX_HOME_BLOCKS])
