"""Editing a partner after `add`: `set NAME field=value…` and `rename NAME "NEW NAME"`, each kept in its history."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from commands.context import Invocation
from commands.grammar import pair_fields, word_tokens
from commands.registry.lookup import require_active_partner
from commands.replies import Notice, Reply
from commands.replies.profile import FieldChange, ProfileEdited
from commands.tokens import ParseError, Token
from domain.errors import DuplicatePartner
from domain.language import tr
from domain.partner import Profile, build_profile, clean_name, field_name
from storage import profile as edits
from storage import registry as repository
from storage.alliances import ensure_label_alliance
from storage.tables import Partner

Change = tuple[str, str | None, str | None]

SET_USAGE = '`/partner set NAME [type=… size=… segment=… owner=@user source=… alliance=… notes="…"]`'
RENAME_USAGE = '`/partner rename NAME "NEW NAME"`'


@dataclass(frozen=True)
class SetProfile:
    name: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Rename:
    name: str
    new_name: str


def parse_set(tokens: list[Token]) -> SetProfile:
    words = word_tokens(tokens)
    if not words:
        raise ParseError(tr("Which partner? Usage: {usage}", usage=SET_USAGE))
    if len(words) > 1:
        stray = " ".join(word.text for word in words[1:])
        raise ParseError(
            tr("'{stray}' is not a field; fields are key=value (an empty value clears one). Names with spaces go in"
               " quotes. Usage: {usage}", stray=stray, usage=SET_USAGE)
        )
    fields = pair_fields(tokens, "set")
    if not fields:
        raise ParseError(tr("Nothing to set on {partner}. Usage: {usage}", partner=words[0].text, usage=SET_USAGE))
    return SetProfile(words[0].text, fields)


def parse_rename(tokens: list[Token]) -> Rename:
    if any(token.kind == "pair" for token in tokens) or len(tokens) != 2:
        raise ParseError(
            tr("Give the partner and its new name; names with spaces go in quotes. Usage: {usage}", usage=RENAME_USAGE)
        )
    return Rename(tokens[0].text, tokens[1].text)


def _changes(partner: Partner, fields: tuple[tuple[str, str], ...]) -> tuple[list[Change], Profile]:
    profile = build_profile(dict(fields))
    named = {field_name(key) for key, _ in fields}
    wanted = {key: value for key, value in vars(profile).items() if key in named}
    return [(key, getattr(partner, key), new) for key, new in wanted.items() if getattr(partner, key) != new], profile


def _rename_change(session: Session, invocation: Invocation, partner: Partner, new_name: str) -> list[Change]:
    if partner.name == new_name:
        return []
    taken = repository.find_partner(session=session, team_id=invocation.team_id, name=new_name)
    if taken is not None and taken.id != partner.id:
        raise DuplicatePartner(new_name, taken.name)
    return [("name", partner.name, new_name)]


def _apply(session: Session, invocation: Invocation, partner: Partner, changes: list[Change], profile: Profile) -> None:
    edits.record_edits(session=session, partner=partner, changes=changes, now=invocation.now, user=invocation.user_id)
    if profile.alliance and any(field == "alliance" for field, _, _ in changes):
        ensure_label_alliance(
            session=session, partner=partner, type_key=profile.alliance, now=invocation.now, user=invocation.user_id
        )


def edit_profile(name: str, new_name: str | None, fields: tuple[tuple[str, str], ...], invocation: Invocation) -> Reply:
    """A rename and field changes at once (the card's Edit form), in one transaction; None when nothing changed."""
    checked_name = clean_name(new_name) if new_name is not None else None
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, name, for_update=True)
        changes, profile = _changes(partner, fields)
        if checked_name is not None:
            changes = _rename_change(uow.session, invocation, partner, checked_name) + changes
        if not changes:
            same = (
                tr("{partner} is already called that; nothing changed.", partner=partner.name)
                if not fields
                else tr("{partner} already has those values; nothing changed.", partner=partner.name)
            )
            return Reply(Notice(same))
        _apply(uow.session, invocation, partner, changes, profile)
        uow.commit()
    edited = ProfileEdited(partner.name, tuple(FieldChange(*change) for change in changes), invocation.user_id)
    return Reply(edited, public=True)


def set_profile(command: SetProfile, invocation: Invocation) -> Reply:
    return edit_profile(command.name, None, command.fields, invocation)


def rename(command: Rename, invocation: Invocation) -> Reply:
    return edit_profile(command.name, command.new_name, (), invocation)
