"""Looking up what a command names: a partner by its name, a stored stage by its key.

Every feature's commands use these; they import nothing from the features, so any feature may.
"""

from __future__ import annotations

from sqlmodel import Session

from commands.context import Invocation
from domain.errors import UnknownPartner
from domain.partner import refuse_if_archived
from domain.words import closest
from storage import registry as repository
from storage.suggestions import suggestion_candidates
from storage.tables import Partner


def require_partner(session: Session, invocation: Invocation, name: str, *, for_update: bool = False) -> Partner:
    partner = repository.find_partner(session=session, team_id=invocation.team_id, name=name, for_update=for_update)
    if partner is None:
        names = suggestion_candidates(session=session, team_id=invocation.team_id, name=name)
        raise UnknownPartner(name, closest(name, names))
    return partner


def require_active_partner(session: Session, invocation: Invocation, name: str, *, for_update: bool = False) -> Partner:
    """The partner named `name`, refused when archived."""
    partner = require_partner(session, invocation, name, for_update=for_update)
    refuse_if_archived(partner.name, archived=partner.archived)
    return partner


def stage_title(invocation: Invocation, key: str) -> str:
    """A stored stage key's display name; a stage since removed from the journey shows as its key."""
    return next((stage.name for stage in invocation.journey.stages if stage.key == key), key)
