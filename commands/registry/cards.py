"""Turning stored partners into the reply data that cards and lists show."""

from __future__ import annotations

from sqlmodel import Session

from commands.alliances.advice import partner_alliance_advice
from commands.checklists import progress
from commands.context import Invocation
from commands.feedback import feedback_summary
from commands.kpis import figures
from commands.registry.lookup import stage_title
from commands.registry.profile_history import profile_history
from commands.replies import MoveLine, PartnerCard, PartnerRow
from commands.scoring.summary import score_summary
from commands.targets import target_progress
from commands.touchpoints import card_touchpoints
from domain.alliances import ALLIANCE_STRUCTURES
from domain.clock import days_between, local_date
from domain.journey import is_stalled
from domain.language import tr
from domain.periods import this_month
from storage.registry import recent_moves
from storage.tables import Partner

ALLIANCE_NAMES = {structure.key: structure.name for structure in ALLIANCE_STRUCTURES}
"""Marked with N_ in domain/alliances.py; a card shows them translated."""
CARD_MOVES = 5


def stage_name(invocation: Invocation, key: str | None) -> str | None:
    return None if key is None else stage_title(invocation, key)


def quoted(name: str) -> str:
    """The name as a user would type it in a command."""
    return f'"{name}"' if " " in name else name


def days_in_stage(partner: Partner, invocation: Invocation) -> int:
    return days_between(partner.stage_entered_at, invocation.now, invocation.timezone)


def partner_row(partner: Partner, invocation: Invocation) -> PartnerRow:
    days = days_in_stage(partner, invocation)
    stage = invocation.journey.get(partner.stage)
    return PartnerRow(partner.name, days, is_stalled(stage, days), partner.owner, partner.type)


def partner_card(
    session: Session, partner: Partner, invocation: Invocation, headline: str | None = None
) -> PartnerCard:
    stage = invocation.journey.get(partner.stage)
    days = days_in_stage(partner, invocation)
    moves = tuple(
        MoveLine(
            when=move.moved_at.astimezone(invocation.timezone),
            from_stage=stage_name(invocation, move.from_stage),
            to_stage=stage_name(invocation, move.to_stage) or move.to_stage,
            by=move.moved_by,
            note=move.note,
        )
        for move in recent_moves(session=session, partner=partner, limit=CARD_MOVES)
    )
    return PartnerCard(
        name=partner.name,
        stage=stage.name,
        stage_key=stage.key,
        stage_since=local_date(partner.stage_entered_at, invocation.timezone),
        days_in_stage=days,
        stalled=is_stalled(stage, days),
        owner=partner.owner,
        type=partner.type,
        size=partner.size,
        segment=partner.segment,
        alliance=tr(ALLIANCE_NAMES[partner.alliance]) if partner.alliance in ALLIANCE_NAMES else partner.alliance,
        notes=partner.notes,
        archived=partner.archived,
        moves=moves,
        headline=headline,
        feedback=feedback_summary(session, partner, invocation),
        kpis=figures(session, invocation, this_month(invocation.now, invocation.timezone), partner),
        score=score_summary(session, partner, invocation),
        alliances=partner_alliance_advice(session, invocation, partner),
        source=partner.source,
        edits=profile_history(session, partner, invocation),
        touchpoints=card_touchpoints(session, partner),
        checklist=progress(session, partner, invocation, partner.stage),
        targets=target_progress(session, invocation, partner),
    )
