"""What a partner card and the weekly digest say about alliances: memberships, and recommendations that apply now."""

from __future__ import annotations

from sqlmodel import Session

from commands.alliances.measure import TeamBaseline, baseline, measure_alliance
from commands.context import Invocation
from commands.replies.alliances import AllianceAdvice
from domain.alliance_advice import advice_key
from domain.alliances import alliance_type
from domain.language import tr, trn
from storage import alliances as repository
from storage.tables import Partner

DIGEST_PAGE = 200
DIGEST_LINES = 10


def partner_alliance_advice(session: Session, invocation: Invocation, partner: Partner) -> AllianceAdvice | None:
    """The partner's alliances (with its place in a chain) and each one's recommendations now."""
    assert partner.id is not None
    held = repository.partner_alliances(session=session, team_id=partner.team_id, partner_ids=[partner.id])
    if not held.get(partner.id):
        return None
    team = baseline(session, invocation)
    names, advice = [], []
    for alliance, position in held[partner.id]:
        structure = alliance_type(alliance.type)
        members = repository.members(session=session, alliance=alliance)
        label = alliance.name.endswith(f"({structure.key})")  # a label's one-member alliance names its type
        if structure.ordered:
            names.append(tr("{alliance} ({type}, link {position} of {count})", alliance=alliance.name,
                            type=structure.key, position=position, count=len(members)))
        else:
            names.append(alliance.name if label else f"{alliance.name} ({structure.key})")
        _, found = measure_alliance(session, invocation, alliance, members, team)
        advice += [f"{alliance.name}: {item.text()}" for item in found]
    return AllianceAdvice(tuple(names), tuple(advice))


def changed_advice(session: Session, invocation: Invocation, team: TeamBaseline | None = None) -> tuple[str, ...]:
    """One line per alliance whose set of recommendations changed since the last digest; stores the new set.

    Runs inside the digest's unit of work: the new sets are committed with the digest's claim, so a digest
    previewed with `digest now` (not committed) does not use up the change. The team baseline (medians over
    every partner's KPIs and journey) is computed only once there is an alliance to compare with it.
    """
    lines: list[str] = []
    changed = 0
    after = 0
    while page := repository.alliances_page(
        session=session, team_id=invocation.team_id, after_id=after, limit=DIGEST_PAGE
    ):
        team = team or baseline(session, invocation)
        for alliance in page:
            members = repository.members(session=session, alliance=alliance)
            _, found = measure_alliance(session, invocation, alliance, members, team)
            key = advice_key(found)
            if key == (alliance.advice or ""):
                continue
            changed += 1
            if len(lines) < DIGEST_LINES:
                now = "; ".join(item.text() for item in found) or tr("no recommendations now — the signals cleared")
                lines.append(f"{alliance.name}: {now}")
            alliance.advice = key or None
            session.add(alliance)
        after = page[-1].id or after
    if changed > len(lines):
        lines.append(trn("…and {count} more: `/partner alliance list`", "…and {count} more: `/partner alliance list`",
                         changed - len(lines)))
    return tuple(lines)
