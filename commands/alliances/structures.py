"""`/partner alliance …`: create an alliance, change its members, show it, list them, explain a type, the matrix."""

from __future__ import annotations

from sqlmodel import Session

from commands.alliances.measure import baseline, matrix_rows, measure_alliance
from commands.alliances.parse import ALLIANCE_USAGE, AllianceCommand
from commands.context import Invocation
from commands.registry.lookup import require_partner, stage_title
from commands.replies import Reply
from commands.replies.alliances import (
    AllianceListing,
    AllianceMatrix,
    AllianceTypeView,
    AllianceView,
    MemberLine,
)
from domain.alliances import ALLIANCE_STRUCTURES, alliance_type
from domain.errors import InvalidField, PartnerbotError, UnknownChoice, did_you_mean
from domain.language import tr
from domain.partner import clean_name
from domain.words import closest
from storage import alliances as repository
from storage.alliance_figures import counts_by_type
from storage.alliance_tables import Alliance
from storage.tables import Partner

MAX_MEMBERS = 50


def require_alliance(session: Session, invocation: Invocation, name: str) -> Alliance:
    found = repository.find_alliance(session=session, team_id=invocation.team_id, name=name)
    if found is None:
        names = repository.alliance_names(session=session, team_id=invocation.team_id)
        hint = did_you_mean(closest(name, names)) or "."
        raise PartnerbotError(
            tr("No alliance called '{name}'{hint} `/partner alliance list` shows them.", name=name, hint=hint)
        )
    return found


def _partners(session: Session, invocation: Invocation, names: tuple[str, ...]) -> list[Partner]:
    found: list[Partner] = []
    for name in names:
        partner = require_partner(session, invocation, name)
        if partner.archived:
            raise InvalidField(tr("{partner} is archived; restore it before adding it to an alliance.",
                                  partner=partner.name))
        if partner not in found:
            found.append(partner)
    if len(found) > MAX_MEMBERS:
        raise InvalidField(
            tr("An alliance holds up to {limit} partners; {count} were given.", limit=MAX_MEMBERS, count=len(found))
        )
    return found


def view(session: Session, invocation: Invocation, alliance: Alliance, headline: str | None = None) -> AllianceView:
    structure = alliance_type(alliance.type)
    members = repository.members(session=session, alliance=alliance)
    links, advice = measure_alliance(session, invocation, alliance, members, baseline(session, invocation))
    lines = tuple(
        MemberLine(position, m.name, stage_title(invocation, m.stage)) for position, m in enumerate(members, start=1)
    )
    return AllianceView(
        alliance.name, structure.key, structure.name, structure.ordered, lines, links,
        tuple(item.text() for item in advice), headline,
    )


def create(command: AllianceCommand, invocation: Invocation) -> Reply:
    assert command.name is not None and command.type_word is not None
    name = clean_name(command.name)
    structure = alliance_type(command.type_word)
    with invocation.unit_of_work() as uow:
        partners = _partners(uow.session, invocation, command.partners)
        alliance = repository.create_alliance(
            session=uow.session, team_id=invocation.team_id, name=name, type_key=structure.key,
            partner_ids=[p.id for p in partners if p.id is not None], now=invocation.now, user=invocation.user_id,
        )
        uow.commit()
        body = view(uow.session, invocation, alliance, headline=tr("Created the alliance {name} ({type})",
                                                                   name=name, type=tr(structure.name)))
    return Reply(body, public=True)


def change_members(command: AllianceCommand, invocation: Invocation) -> Reply:
    assert command.name is not None
    with invocation.unit_of_work() as uow:
        alliance = require_alliance(uow.session, invocation, command.name)
        if command.action == "add":
            partners = _partners(uow.session, invocation, command.partners)
            for partner in partners:
                assert partner.id is not None
                if not repository.add_member(session=uow.session, alliance=alliance, partner_id=partner.id):
                    raise InvalidField(
                        tr("{partner} is already in {alliance}; nothing was changed.", partner=partner.name,
                           alliance=alliance.name)
                    )
        else:
            partners = [require_partner(uow.session, invocation, name) for name in command.partners]
            for partner in partners:
                assert partner.id is not None
                if not repository.remove_member(session=uow.session, alliance=alliance, partner_id=partner.id):
                    raise InvalidField(
                        tr("{partner} is not in {alliance}; nothing was changed.", partner=partner.name,
                           alliance=alliance.name)
                    )
        uow.commit()
        names = ", ".join(p.name for p in partners)
        headline = (
            tr("Added {partners} to {alliance}", partners=names, alliance=alliance.name)
            if command.action == "add"
            else tr("Removed {partners} from {alliance}", partners=names, alliance=alliance.name)
        )
        body = view(uow.session, invocation, alliance, headline=headline)
    return Reply(body, public=True)


def show(name: str, invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        alliance = require_alliance(uow.session, invocation, name)
        return Reply(view(uow.session, invocation, alliance))


def listing(invocation: Invocation) -> Reply:
    with invocation.unit_of_work() as uow:
        rows, total = repository.list_alliances(session=uow.session, team_id=invocation.team_id)
    names = {s.key: tr(s.name) for s in ALLIANCE_STRUCTURES}
    return Reply(AllianceListing(tuple((a.name, names.get(a.type, a.type), n) for a, n in rows), total))


def explain(type_word: str | None, invocation: Invocation) -> Reply:
    if type_word is None:
        kinds = "before, after, moment, chain (toast), hydra (virus)"
        raise InvalidField(tr("Which type? e.g. `/partner alliance type chain`. Types: {kinds}.", kinds=kinds))
    structure = alliance_type(type_word)
    with invocation.unit_of_work() as uow:
        counts = counts_by_type(session=uow.session, team_id=invocation.team_id)
    return Reply(AllianceTypeView(structure, counts.get(structure.key, (0, 0))[0]))


def matrix(invocation: Invocation) -> Reply:
    invocation = invocation.for_channel()
    with invocation.unit_of_work() as uow:
        rows = matrix_rows(uow.session, invocation)
    return Reply(AllianceMatrix(rows), public=True, post_in_channel=invocation.channel_id)


def alliance(command: AllianceCommand, invocation: Invocation) -> Reply:
    if command.action == "new":
        return create(command, invocation)
    if command.action in ("add", "remove"):
        return change_members(command, invocation)
    if command.action == "show":
        assert command.name is not None
        return show(command.name, invocation)
    if command.action == "type":
        return explain(command.type_word, invocation)
    if command.action == "matrix":
        return matrix(invocation)
    if command.action == "list":
        return listing(invocation)
    assert command.name is not None
    with invocation.unit_of_work() as uow:
        known = repository.find_alliance(session=uow.session, team_id=invocation.team_id, name=command.name)
    if known is not None:
        return show(command.name, invocation)
    try:
        return explain(command.name, invocation)
    except UnknownChoice:
        raise PartnerbotError(
            tr("'{name}' is neither an alliance nor an alliance type. Usage: {usage}", name=command.name,
               usage=ALLIANCE_USAGE)
        ) from None
