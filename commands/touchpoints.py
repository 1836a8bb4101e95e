"""`/partner log NAME KIND ["note"] [on=DATE]`: a call, meeting, webinar… with a partner, in the stage it was in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session

from commands.context import Invocation
from commands.grammar import pair_fields, word_tokens
from commands.registry.lookup import require_active_partner, stage_title
from commands.replies import Reply
from commands.replies.touchpoints import StageTouchpoints, TouchpointLine, TouchpointLogged
from commands.tokens import ParseError, Token
from domain.clock import local_date
from domain.errors import InvalidField
from domain.language import tr
from domain.partner import clean_value
from domain.periods import parse_day
from domain.touchpoints import TOUCHPOINT_KINDS, touchpoint_kind
from storage import touchpoints as repository
from storage.tables import Partner

USAGE = '`/partner log NAME KIND ["note"] [on=DATE]`'
CARD_TOUCHPOINTS = 3


@dataclass(frozen=True)
class Log:
    name: str
    kind: str
    note: str | None
    on: str | None


def parse_log(tokens: list[Token]) -> Log:
    words = word_tokens(tokens)
    if len(words) < 2:
        raise ParseError(
            tr("Which partner, and what kind of touchpoint ({kinds})? Usage: {usage}",
               kinds=", ".join(TOUCHPOINT_KINDS), usage=USAGE)
        )
    name, kind, *rest = words
    stray = [word.text for word in rest if not word.quoted]
    if stray:
        raise ParseError(
            tr("'{stray}' is not understood; a note goes in quotes:"
               ' `/partner log {name} {kind} "{note}"`.', stray=" ".join(stray), name=name.text, kind=kind.text,
               note=" ".join(word.text for word in rest))
        )
    fields = dict(pair_fields(tokens, "log"))
    unknown = [key for key in fields if key != "on"]
    if unknown:
        raise ParseError(tr("'{key}=' is not understood here; only on=DATE is. Usage: {usage}",
                            key=unknown[0], usage=USAGE))
    return Log(name.text, kind.text, " ".join(word.text for word in rest) or None, fields.get("on"))


def log(command: Log, invocation: Invocation) -> Reply:
    kind = touchpoint_kind(command.kind)
    note = clean_value("notes", command.note) if command.note else None
    today = local_date(invocation.now, invocation.timezone)
    on_date = parse_day(command.on, today, field="on") if command.on else today
    if on_date is None:
        raise InvalidField(tr("on= needs a date, e.g. on=2026-11-02. Usage: {usage}", usage=USAGE))
    day_end = datetime.combine(on_date + timedelta(days=1), time(), invocation.timezone)
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, command.name, for_update=True)
        stage = repository.stage_on(session=uow.session, partner=partner, until=min(day_end, invocation.now))
        repository.add_touchpoint(
            session=uow.session, partner=partner, kind=kind, stage=stage, on_date=on_date, note=note,
            now=invocation.now, user=invocation.user_id,
        )
        uow.commit()
    logged = TouchpointLogged(partner.name, kind, on_date, stage_title(invocation, stage), note, invocation.user_id)
    return Reply(logged, public=True)


def card_touchpoints(session: Session, partner: Partner) -> tuple[TouchpointLine, ...]:
    recent = repository.recent_touchpoints(session=session, partner=partner, limit=CARD_TOUCHPOINTS)
    return tuple(TouchpointLine(t.on_date, t.kind, t.note, t.recorded_by) for t in recent)


def _ranked(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def map_touchpoints(session: Session, invocation: Invocation) -> tuple[StageTouchpoints, ...]:
    """Per stage of the journey: touchpoints by kind and the kinds that came before moves out of it."""
    logged = repository.touchpoints_by_stage(session=session, team_id=invocation.team_id)
    before = repository.kinds_before_moves(session=session, team_id=invocation.team_id)
    return tuple(
        StageTouchpoints(stage.name, _ranked(logged.get(stage.key, {})), _ranked(before.get(stage.key, {})))
        for stage in invocation.journey.stages
        if stage.key in logged
    )
