"""Block Kit for profile edits: what an edit changed, and the edit history a card shows."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.views.blocks import build_reply_blocks, context, section
from bot.views.format import clip, escape, moment, person
from commands.replies.profile import EditLine, FieldChange, ProfileEdited
from domain.language import tr


def _value(field: str, value: str | None) -> str:
    if value is None:
        return "—"
    if field == "owner":
        return person(value)
    return tr("“{note}”", note=escape(clip(value, 120))) if field == "notes" else escape(value)


def change_text(change: FieldChange) -> str:
    return f"{escape(change.field)}: {_value(change.field, change.before)} → {_value(change.field, change.after)}"


def edit_lines(edits: tuple[EditLine, ...]) -> list[str]:
    return [
        f"{moment(edit.when)} · {change_text(edit.change)} · " + tr("by {who}", who=person(edit.by)) for edit in edits
    ]


@build_reply_blocks.register
def _edited(body: ProfileEdited) -> list[Block]:
    lines = [tr(":memo: Updated *{partner}*:", partner=escape(body.partner))] + [
        f"• {change_text(c)}" for c in body.changes
    ]
    kept = tr("by {who} · kept in its history (`/partner show`)", who=person(body.by))
    return [section("\n".join(lines)), context(kept)]
