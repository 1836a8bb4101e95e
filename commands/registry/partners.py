"""The partner registry verbs: add, advance, show, list, stages, archive, restore, and the registration form."""

from __future__ import annotations

from sqlmodel import Session

from commands.checklists import open_steps
from commands.context import Invocation
from commands.registry.cards import days_in_stage, partner_card, quoted
from commands.registry.lookup import require_active_partner, require_partner
from commands.registry.parse import Add, Advance, Archive, Restore, Show, Stages
from commands.replies import (
    Choice,
    FormRejected,
    JourneyOverview,
    Notice,
    RegistrationForm,
    Reply,
    StageLine,
    StageMoved,
)
from domain.alliances import ALLIANCE_STRUCTURES
from domain.errors import (
    DuplicatePartner,
    PartnerbotError,
)
from domain.journey import Journey
from domain.language import tr
from domain.partner import (
    PARTNER_SIZES,
    PARTNER_SOURCES,
    PARTNER_TYPES,
    PROFILE_FIELDS,
    Profile,
    build_profile,
    choice_label,
    clean_name,
    clean_value,
)
from domain.stages import read_stage_and_note
from storage import registry as repository
from storage.alliances import ensure_label_alliance
from storage.feedback_tallies import set_archived as set_tallies_archived
from storage.kpi_rollups import set_archived as set_rollups_archived
from storage.tables import Partner


def register(invocation: Invocation, name: str, profile: Profile) -> Reply:
    with invocation.unit_of_work() as uow:
        existing = repository.find_partner(session=uow.session, team_id=invocation.team_id, name=name)
        if existing is not None:
            raise DuplicatePartner(name, existing.name)
        partner = repository.add_partner(
            session=uow.session,
            team_id=invocation.team_id,
            name=name,
            profile=profile,
            stage=invocation.journey.first.key,
            now=invocation.now,
            user=invocation.user_id,
        )
        if profile.alliance:  # the label stands for a one-member alliance of that type
            ensure_label_alliance(
                session=uow.session, partner=partner, type_key=profile.alliance, now=invocation.now,
                user=invocation.user_id,
            )
        uow.commit()
        card = partner_card(uow.session, partner, invocation, headline=tr("Added {partner}", partner=partner.name))
    return Reply(card, public=True)


def registration_form(name: str = "") -> RegistrationForm:
    return RegistrationForm(
        types=tuple(Choice(value, choice_label(value)) for value in PARTNER_TYPES),
        sizes=tuple(Choice(value, choice_label(value)) for value in PARTNER_SIZES),
        alliances=tuple(Choice(s.key, tr(s.name)) for s in ALLIANCE_STRUCTURES),
        name=name,
        sources=tuple(Choice(value, choice_label(value)) for value in PARTNER_SOURCES),
    )


def add(command: Add, invocation: Invocation) -> Reply:
    if command.name is None:
        return Reply(modal=registration_form())
    name = clean_name(command.name)
    return register(invocation, name, build_profile(dict(command.fields)))


def submit_registration(values: dict[str, str | None], invocation: Invocation) -> Reply:
    """The registration modal's submission; raises FormRejected with an error per bad field."""
    errors: dict[str, str] = {}
    profile: dict[str, str | None] = {}
    for field in PROFILE_FIELDS:
        try:
            profile[field] = clean_value(field, values.get(field) or "")
        except PartnerbotError as error:
            errors[field] = error.message
    try:
        name = clean_name(values.get("name") or "")
    except PartnerbotError as error:
        errors["name"] = error.message
    if errors:
        raise FormRejected(errors)
    try:
        return register(invocation, name, Profile(**profile))
    except DuplicatePartner as error:
        raise FormRejected({"name": error.message}) from None


def advance(command: Advance, invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        moved = move_partner(uow.session, invocation, command)
        uow.commit()
    return Reply(moved, public=True)


def move_partner(session: Session, invocation: Invocation, command: Advance) -> StageMoved:
    """Moves the partner (row-locked) and records the move in the caller's transaction; the caller commits."""
    journey = invocation.journey
    reading = read_stage_and_note(journey, command.name, command.stage_words, command.quoted)
    requested, note = reading.stage, clean_value("notes", reading.note) if reading.note else None
    partner = require_active_partner(session, invocation, command.name, for_update=True)
    move = journey.move_partner(partner.name, journey.get(partner.stage), requested)
    days = days_in_stage(partner, invocation)
    left_open = open_steps(session, partner, invocation)
    repository.record_move(
        session=session,
        partner=partner,
        to_stage=move.to_stage.key,
        now=invocation.now,
        user=invocation.user_id,
        note=note,
    )
    return StageMoved(
        partner.name, move.from_stage.name, move.to_stage.name, days, move.backwards, note, invocation.user_id,
        left_open,
    )


def show(command: Show, invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        partner = require_partner(uow.session, invocation, command.name)
        return Reply(partner_card(uow.session, partner, invocation))


def journey_overview(session: Session, invocation: Invocation, journey: Journey | None = None) -> JourneyOverview:
    counts = repository.stage_counts(session=session, team_id=invocation.team_id)
    archived = repository.count_archived(session=session, team_id=invocation.team_id)
    lines = tuple(
        StageLine(s.key, s.name, s.description, s.aliases, counts.get(s.key, 0), s.stall_threshold_days)
        for s in (journey or invocation.journey).stages
    )
    return JourneyOverview(lines, archived)


def stages(command: Stages, invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        return Reply(journey_overview(uow.session, invocation))


def _set_archived(name: str, invocation: Invocation, archived: bool) -> Partner:
    with invocation.unit_of_work() as uow:
        partner = require_partner(uow.session, invocation, name, for_update=True)
        if partner.archived == archived:
            already = (
                tr("{partner} is already archived; nothing changed.", partner=partner.name)
                if archived
                else tr("{partner} is already active; nothing changed.", partner=partner.name)
            )
            raise PartnerbotError(already)
        partner.archived = archived
        set_rollups_archived(uow.session, partner, archived)
        set_tallies_archived(uow.session, partner, archived)
        uow.session.add(partner)
        uow.commit()
    return partner


def archive(command: Archive, invocation: Invocation) -> Reply:
    partner = _set_archived(command.name, invocation, archived=True)
    return Reply(
        Notice(
            tr("Archived {partner}: hidden from lists and scheduled jobs, history kept."
               " `/partner restore {typed}` brings it back.", partner=partner.name, typed=quoted(partner.name)),
            tone="success",
        ),
        public=True,
    )


def restore(command: Restore, invocation: Invocation) -> Reply:
    partner = _set_archived(command.name, invocation, archived=False)
    restored = tr("Restored {partner}: it is back in lists and jobs.", partner=partner.name)
    return Reply(Notice(restored, tone="success"), public=True)
