"""An import's alliances: the `alliances` column (memberships, in chain order) and the `alliance` label.

Done in bulk, 5,000 rows at a time: one query for the partners, one for the alliances named, one insert
for the missing alliances, one for the memberships. Memberships are added, never removed: a file lists where
partners are, not where they are not. A requested place that is free is kept; otherwise the partner joins
at the end.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from commands.context import Invocation
from commands.spreadsheet.checking import SheetRow
from storage import alliances as repository
from storage.tables import Partner

PAGE = 5000


def _wanted(row: SheetRow) -> list[tuple[str, str, int | None]]:
    items = list(row.alliances or ())
    label = row.profile.get("alliance")
    if label:
        items.append((f"{row.name} ({label})", label, 1))  # as migration 0006 and `add … alliance=` name it
    return items


def apply_alliances(session: Session, invocation: Invocation, rows: list[SheetRow]) -> None:
    wanted = [(row, items) for row in rows if (items := _wanted(row))]
    team = invocation.team_id
    for start in range(0, len(wanted), PAGE):
        page = wanted[start : start + PAGE]
        keys = [row.key for row, _ in page]
        query = select(Partner.name_key, Partner.id).where(
            Partner.team_id == team, col(Partner.archived).is_(False), col(Partner.name_key).in_(keys)
        )
        partner_ids = dict(session.exec(query).all())
        types = {repository.alliance_key(name): (name, kind) for _, items in page for name, kind, _ in items}
        ids = repository.alliance_ids_by_key(session=session, team_id=team, keys=list(types))
        missing = [types[key] for key in types if key not in ids]
        ids |= repository.insert_alliances(
            session=session, team_id=team, alliances=missing, now=invocation.now, user=invocation.user_id
        )
        taken = repository.member_positions(session=session, team_id=team, alliance_ids=list(ids.values()))
        joining = sorted(
            (position or 10**9, ids[repository.alliance_key(name)], partner_ids[row.key])
            for row, items in page
            if row.key in partner_ids
            for name, _, position in items
        )
        members = []
        for position, alliance_id, partner_id in joining:
            places = taken.setdefault(alliance_id, {})
            if partner_id in places:
                continue
            free = position < 10**9 and position not in places.values()
            places[partner_id] = position if free else max(places.values(), default=0) + 1
            members.append((alliance_id, partner_id, places[partner_id]))
        repository.insert_members(session=session, team_id=team, members=members)
