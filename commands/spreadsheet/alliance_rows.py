"""An import's alliances: the `alliances` column (memberships, in chain order) and the `alliance` label."""

from __future__ import annotations

from sqlmodel import Session, col, select

from commands.context import Invocation
from commands.spreadsheet.checking import SheetRow
from storage import alliances as repository
from storage.tables import Partner

PAGE = 500


def apply_alliances(session: Session, invocation: Invocation, rows: list[SheetRow]) -> None:
    """Creates the alliances the rows name (with the type given) and puts each partner at its place.

    Only rows that carry alliances or a label are looked up, a page of names at a time. Memberships are
    added, never removed: a file lists where partners are, not where they are not.
    """
    wanted = [row for row in rows if row.alliances or row.profile.get("alliance")]
    for start in range(0, len(wanted), PAGE):
        page = wanted[start : start + PAGE]
        query = select(Partner).where(
            Partner.team_id == invocation.team_id, col(Partner.name_key).in_([row.key for row in page])
        )
        partners = {partner.name_key: partner for partner in session.exec(query).all()}
        for row in sorted(page, key=lambda r: min((p or 0 for _, _, p in r.alliances or ()), default=0)):
            partner = partners.get(row.key)
            if partner is None or partner.id is None or partner.archived:
                continue
            label = row.profile.get("alliance")
            if label:
                repository.ensure_label_alliance(
                    session=session, partner=partner, type_key=label, now=invocation.now, user=invocation.user_id
                )
            for name, type_key, position in row.alliances or ():
                alliance = repository.find_alliance(session=session, team_id=invocation.team_id, name=name)
                if alliance is None:
                    alliance = repository.create_alliance(
                        session=session, team_id=invocation.team_id, name=name, type_key=type_key,
                        partner_ids=[], now=invocation.now, user=invocation.user_id,
                    )
                repository.add_member(session=session, alliance=alliance, partner_id=partner.id, position=position)
            session.flush()
