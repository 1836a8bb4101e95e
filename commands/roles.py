"""Who may do what: the one check every verb, button and form runs, and `/partner role`, `/partner roles`.

A member is an admin when Slack says they are a workspace admin or owner, when they installed the app, when
their id is in PARTNERBOT_ADMINS, or when an admin granted them the role; everyone else holds the role granted
to them or the workspace's default role (`/partner settings default-role=…`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from commands.context import Invocation
from commands.paging import parse_filters
from commands.people import Person
from commands.replies import Notice, Reply
from commands.replies.roles import RoleLine, RolesView
from commands.tokens import ParseError, Token
from domain.errors import PartnerbotError
from domain.language import N_, tr
from domain.paging import Page
from domain.roles import (
    DEFAULT_ROLE,
    NEEDED_ROLE,
    WHAT,
    Need,
    Permission,
    Role,
    allows,
    effective_role,
    role_from_word,
)
from storage import registry
from storage import roles as repository
from storage import stalls as alerts
from storage.installs import installer_of
from storage.settings import workspace_option
from storage.tables import Partner

DEFAULT_ROLE_KEY = "default-role"
MANAGERS_KEY = "managers"
SHOWN_HOLDERS = 5
ROLES_USAGE = "Usage: `/partner roles [page N]`."
ROLE_USAGE = "Usage: `/partner role @user admin|manager|lead|viewer`."

HOLDERS_HERE = {
    Role.ADMIN: N_("admins here: {names}"),
    Role.MANAGER: N_("managers here: {names}"),
    Role.LEAD: N_("leads here: {names}"),
    Role.VIEWER: N_("viewers here: {names}"),
}


class Refused(PartnerbotError):
    """A request the requester's role does not allow; nothing was changed."""


def installing_user(*, session: Session, team_id: str) -> str | None:
    """Who installed the app in the workspace, from the OAuth installation store (None in single-token mode)."""
    return installer_of(session=session, team_id=team_id)


def default_role(session: Session, team_id: str) -> Role:
    stored = workspace_option(session=session, team_id=team_id, key=DEFAULT_ROLE_KEY)
    return role_from_word(stored) if stored else DEFAULT_ROLE


def managers_all(session: Session, team_id: str) -> bool:
    return workspace_option(session=session, team_id=team_id, key=MANAGERS_KEY) == "all"


def _slack_admin(person: Person | None) -> bool:
    return person is not None and (person.is_admin or person.is_owner)


def role_of(session: Session, invocation: Invocation, user_id: str | None = None) -> Role:
    """The member's role; Slack is asked (users.info, cached) only when nothing stored makes them an admin."""
    user = user_id or invocation.user_id
    granted_word = repository.granted_role(session=session, team_id=invocation.team_id, user_id=user)
    granted = role_from_word(granted_word) if granted_word else None
    is_admin = (
        user in invocation.admins
        or granted is Role.ADMIN
        or user == installing_user(session=session, team_id=invocation.team_id)
        or _slack_admin(invocation.people.lookup(user))
    )
    return effective_role(granted=granted, is_admin=is_admin, default=default_role(session, invocation.team_id))


def _owner(session: Session, invocation: Invocation, need: Need) -> tuple[str | None, str | None]:
    """The partner the request is about, as (name, owner); (None, None) when it names none that exists."""
    partner: Partner | None = None
    if need.partner is not None:
        partner = registry.find_partner(session=session, team_id=invocation.team_id, name=need.partner)
    elif need.alert_id is not None:
        alert = alerts.get_alert(session=session, team_id=invocation.team_id, alert_id=need.alert_id)
        partner = session.get(Partner, alert.partner_id) if alert is not None else None
    if partner is None or partner.team_id != invocation.team_id:
        return None, None
    return partner.name, partner.owner


def require(invocation: Invocation, need: Need) -> None:
    """Raises Refused, naming the role needed and who holds it, when the requester may not do `need`.

    Everyone may view, so viewing reads nothing. A partner that does not exist is left to the command, which
    says so with suggestions."""
    if need.permission is Permission.VIEW:
        return
    with invocation.unit_of_work() as uow:
        session = uow.session
        role = role_of(session, invocation)
        name, owner = _owner(session, invocation, need) if need.permission is Permission.PARTNER else (None, None)
        if allows(
            role,
            need.permission,
            owner=owner,
            user_id=invocation.user_id,
            managers_all=managers_all(session, invocation.team_id),
        ):
            return
        admins = _holders(session, invocation, Role.ADMIN)
        needed = NEEDED_ROLE[need.permission]
        if needed is Role.MANAGER and role >= Role.MANAGER:
            raise Refused(
                tr(
                    "Changing {partner} needs its owner ({owner}) or the admin role; {admins}.",
                    partner=name or need.partner or "",
                    owner=_names(invocation, [owner] if owner else []),
                    admins=admins,
                )
            )
        holders = admins if needed is Role.ADMIN else _holders(session, invocation, needed)
    what = tr(need.action) if need.action else tr(WHAT[need.permission])
    raise Refused(tr("{what} needs the {role} role; {holders}.", what=what, role=needed.word, holders=holders))


def require_role(invocation: Invocation, role: Role | str) -> None:
    """For a feature with no permission of its own (e.g. `/partner audit`, admins only): the role, or Refused."""
    wanted = role if isinstance(role, Role) else role_from_word(role)
    permission = next(p for p, needed in NEEDED_ROLE.items() if needed is wanted and p is not Permission.PARTNER)
    require(invocation, Need(permission))


def _holders(session: Session, invocation: Invocation, role: Role) -> str:
    users = list(invocation.admins) if role is Role.ADMIN else []
    users += repository.holders(session=session, team_id=invocation.team_id, role=role.word, limit=SHOWN_HOLDERS)
    names = _names(invocation, list(dict.fromkeys(users))[:SHOWN_HOLDERS])
    if role is default_role(session, invocation.team_id):
        everyone = tr("everyone not given another role")
        names = tr("{names} and everyone not given another role", names=names) if users else everyone
    elif not users:
        names = tr("none yet; a Slack workspace admin can grant it with `/partner role @user {role}`", role=role.word)
    return tr(HOLDERS_HERE[role], names=names)


def _names(invocation: Invocation, users: list[str]) -> str:
    """`@anna, @piotr` as Slack shows them; an id when Slack cannot say just now."""
    shown = []
    for user in users:
        try:
            person = invocation.people.lookup(user)
        except PartnerbotError:
            person = None
        shown.append("@" + (person.name if person is not None and person.name else user))
    return ", ".join(shown) or "—"


@dataclass(frozen=True)
class RoleChange:
    user_id: str | None
    role: Role | None = None
    """None: show the member's role."""


def parse_role(tokens: list[Token]) -> RoleChange:
    if not tokens or tokens[0].kind != "user" or len(tokens) > 2:
        raise ParseError(tr("Name a member and a role. {usage}", usage=ROLE_USAGE))
    if len(tokens) == 1:
        return RoleChange(tokens[0].entity_id)
    try:
        return RoleChange(tokens[0].entity_id, role_from_word(tokens[1].text))
    except PartnerbotError as error:
        raise ParseError(f"{error.message} {ROLE_USAGE}") from None


def need_for_role(command: RoleChange) -> Need:
    return Need(Permission.VIEW) if command.role is None else Need(Permission.ADMIN, action="Changing roles")


def role(command: RoleChange, invocation: Invocation) -> Reply:
    assert command.user_id is not None
    member = command.user_id
    with invocation.unit_of_work() as uow:
        if command.role is None:
            held = role_of(uow.session, invocation, member)
            shown = _names(invocation, [member])
            return Reply(Notice(tr("{member} holds the {role} role.", member=shown, role=held.word)))
        if member in invocation.admins and command.role is not Role.ADMIN:
            raise Refused(
                tr(
                    "{member} is an admin through PARTNERBOT_ADMINS; change it there.",
                    member=_names(invocation, [member]),
                )
            )
        repository.grant_role(
            session=uow.session,
            team_id=invocation.team_id,
            user_id=member,
            role=command.role.word,
            now=invocation.now,
            by=invocation.user_id,
        )
        uow.commit()
    text = tr("{member} now holds the {role} role.", member=_names(invocation, [member]), role=command.role.word)
    return Reply(Notice(text, tone="success"))


@dataclass(frozen=True)
class RolesListing:
    page: int = 1


def parse_roles(tokens: list[Token]) -> RolesListing:
    filters = parse_filters(tokens, ROLES_USAGE, allowed=())
    if filters.words:
        raise ParseError(tr("'{word}' is not understood here. {usage}", word=filters.words[0].text, usage=ROLES_USAGE))
    return RolesListing(filters.page)


def roles(command: RolesListing, invocation: Invocation) -> Reply:
    """Who holds which role: admins by configuration, then the roles granted here, a page at a time."""
    with invocation.unit_of_work() as uow:
        session = uow.session
        total = repository.granted_count(session=session, team_id=invocation.team_id)
        page = Page(command.page, total)
        rows = repository.granted_page(session=session, team_id=invocation.team_id, offset=page.offset, limit=page.size)
        default = default_role(session, invocation.team_id)
        everyone = managers_all(session, invocation.team_id)
    lines = tuple(RoleLine(row.user_id, row.role, row.granted_by) for row in rows)
    configured = tuple(sorted(invocation.admins))
    return Reply(RolesView(lines, configured, default.word, everyone, page.current, page.count, total))


def need_for_roles(command: RolesListing) -> Need:
    del command
    return Need(Permission.VIEW)
