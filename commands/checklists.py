"""Checklists per stage: `stages checklist STAGE [add|remove "step"]`, `/partner check NAME "step"`, the card's
progress and the steps still open when a partner moves on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from commands.context import Invocation
from commands.grammar import joined, refuse_pairs
from commands.registry.lookup import require_active_partner
from commands.replies import Notice, Reply
from commands.replies.stages import ChecklistProgress, ChecklistView, StepChecked
from commands.stages.parse import Checklist
from commands.tokens import ParseError, Token
from domain.checklists import MAX_STEPS, clean_step, find_step
from domain.errors import PartnerbotError
from domain.language import N_, tr
from domain.words import fold
from storage import checklists as repository
from storage.tables import Partner

CHECK_USAGE = N_('`/partner check NAME "step"` (the step by its words or its number)')


@dataclass(frozen=True)
class Check:
    name: str
    step: str


def parse_check(tokens: list[Token]) -> Check:
    refuse_pairs(tokens, tr(CHECK_USAGE))
    if len(tokens) < 2:
        raise ParseError(tr("Which partner, and which step? Usage: {usage}", usage=tr(CHECK_USAGE)))
    return Check(tokens[0].text, joined(tokens[1:]))


def show_checklist(command: Checklist, invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        stage = invocation.journey.resolve(command.stage)
        items = repository.stage_items(session=uow.session, team_id=invocation.team_id, stage=stage.key)
        summary = None
        if command.action == "add":
            step = clean_step(command.text)
            if any(fold(item.text) == fold(step) for item in items):
                raise PartnerbotError(tr("{stage}'s checklist already has '{step}'.", stage=stage.name, step=step))
            if len(items) >= MAX_STEPS:
                raise PartnerbotError(tr("A checklist has at most {limit} steps.", limit=MAX_STEPS))
            items.append(
                repository.add_item(
                    session=uow.session, team_id=invocation.team_id, stage=stage.key, text=step, now=invocation.now,
                    user=invocation.user_id,
                )
            )
            summary = tr("Added “{step}” to {stage}'s checklist.", step=step, stage=stage.name)
        elif command.action == "remove":
            item = items.pop(find_step([item.text for item in items], command.text, stage.name))
            repository.remove_item(session=uow.session, item=item)
            summary = tr("Removed “{step}” from {stage}'s checklist; partners' ticks for it go too.", step=item.text,
                         stage=stage.name)
        uow.commit()
    view = ChecklistView(stage.name, stage.key, tuple(item.text for item in items), summary)
    return Reply(view, public=summary is not None)


def progress(session: Session, partner: Partner, invocation: Invocation, stage_key: str) -> ChecklistProgress | None:
    items = repository.stage_items(session=session, team_id=partner.team_id, stage=stage_key)
    if not items:
        return None
    done = repository.done_item_ids(session=session, partner=partner, item_ids=[i.id for i in items if i.id])
    stage = invocation.journey.get(stage_key)
    return ChecklistProgress(stage.name, tuple((item.text, item.id in done) for item in items))


def open_steps(session: Session, partner: Partner, invocation: Invocation) -> tuple[str, ...]:
    """The steps of the partner's current stage not yet done (said when it moves on, which it still does)."""
    current = progress(session, partner, invocation, partner.stage)
    return current.open_steps if current else ()


def check(command: Check, invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, command.name, for_update=True)
        stage = invocation.journey.get(partner.stage)
        items = repository.stage_items(session=uow.session, team_id=invocation.team_id, stage=stage.key)
        if not items:
            raise PartnerbotError(
                tr("{partner} is in {stage}, which has no checklist;"
                   ' `/partner stages checklist {key} add "…"` makes one.', partner=partner.name, stage=stage.name,
                   key=stage.key)
            )
        item = items[find_step([item.text for item in items], command.step, stage.name)]
        done = repository.done_item_ids(session=uow.session, partner=partner, item_ids=[item.id or 0])
        if not done:
            repository.mark_done(
                session=uow.session, partner=partner, item=item, now=invocation.now, user=invocation.user_id
            )
            uow.session.flush()
        current = progress(uow.session, partner, invocation, stage.key)
        uow.commit()
    assert current is not None
    if done:
        return Reply(Notice(tr("“{step}” was already done for {partner}; nothing changed.", step=item.text,
                               partner=partner.name)))
    return Reply(StepChecked(partner.name, item.text, current), public=True)
