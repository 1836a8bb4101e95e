"""Block Kit for `/partner roles`: admins by configuration, the roles granted here, and the defaults."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, header, section, sections_from_lines
from bot.views.format import person
from commands.replies.roles import RolesView
from domain.language import tr


@build_reply_blocks.register
def _roles(body: RolesView) -> list[Block]:
    blocks: list[Block] = [header(tr("Roles"))]
    if body.configured_admins:
        admins = ", ".join(person(user) for user in body.configured_admins)
        blocks.append(section(tr("Admins through PARTNERBOT_ADMINS: {admins}", admins=admins)))
    lines = [
        tr(
            "{member}: {role} (granted by {by})",
            member=person(line.user_id),
            role=line.role,
            by=person(line.by),
        )
        for line in body.lines
    ]
    blocks += sections_from_lines(lines) if lines else [section(tr("No roles granted here yet."))]
    managers = tr("all partners") if body.managers_all else tr("the partners they own")
    blocks.append(
        context(
            tr(
                "Slack workspace admins and owners are admins. Everyone else is a {role}; managers work on {managers}."
                " `/partner role @user ROLE` changes one.",
                role=body.default_role,
                managers=managers,
            )
        )
    )
    if body.pages > 1:
        blocks.append(
            context(
                tr(
                    "Page {page} of {pages} ({total} granted) · `/partner roles page N` for another page",
                    page=body.page,
                    pages=body.pages,
                    total=body.total,
                )
            )
        )
    return blocks
