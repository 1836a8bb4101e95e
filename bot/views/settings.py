"""Block Kit for `/partner settings`: each key, its value, what it does and how to change it."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section
from bot.views.format import escape
from commands.replies.settings import SettingLine, SettingsView
from domain.language import tr


def _line(line: SettingLine, changed: bool) -> str:
    mark = ":white_check_mark: " if changed else ""
    mine = tr(" (yours)") if line.scope == "member" else ""
    how = f"`/partner settings {line.example}`"
    return f"{mark}*{escape(line.name)}*{mine}: {escape(line.value)}\n{tr(line.summary)} {how}"


@build_reply_blocks.register
def _settings(body: SettingsView) -> list[Block]:
    if not body.lines:
        return [section(tr("This workspace has no settings to change yet."))]
    blocks: list[Block] = [header(tr("Workspace settings"))]
    blocks += [section(_line(line, line.name in body.changed)) for line in body.lines]
    blocks.append(context(tr("`/partner settings KEY=default` puts a setting back to its default.")))
    return blocks
