"""The profile edits a partner card lists, newest first."""

from __future__ import annotations

from sqlmodel import Session

from commands.context import Invocation
from commands.replies.profile import EditLine, FieldChange
from storage.profile import recent_edits
from storage.tables import Partner

CARD_EDITS = 5


def profile_history(session: Session, partner: Partner, invocation: Invocation) -> tuple[EditLine, ...]:
    return tuple(
        EditLine(edit.edited_at.astimezone(invocation.timezone), FieldChange(edit.field, edit.before, edit.after),
                 edit.edited_by)
        for edit in recent_edits(session=session, partner=partner, limit=CARD_EDITS)
    )
