"""`/partner handover` (a client passed along a link) and `/partner bonus` (a bonus the company paid a partner)."""

from __future__ import annotations

import re
from decimal import Decimal

from sqlmodel import Session

from commands.alliances.parse import BONUS_USAGE, HANDOVER_USAGE, BonusCommand, HandoverCommand
from commands.alliances.structures import require_alliance
from commands.context import Invocation
from commands.registry.lookup import require_partner
from commands.replies import Reply
from commands.replies.alliances import FlowRecorded
from domain.amounts import parse_amount
from domain.clock import local_date
from domain.errors import InvalidField, PartnerArchived
from domain.language import tr, trn
from domain.partner import clean_value
from domain.periods import parse_day
from domain.words import fold
from storage import alliances as repository
from storage.alliance_tables import Alliance, Bonus, Handover
from storage.tables import Partner

COMPANY_WORDS = ("us", "we", "company", "the-company", "hub", "мы", "нам", "компания", "my", "nas", "firma")
DATE_KEYS = ("on", "date", "day", "dnia", "дата")
_WAIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*([hdmчдgд]?)", re.IGNORECASE)
HOURS_PER_UNIT = {"": Decimal(1), "h": Decimal(1), "ч": Decimal(1), "g": Decimal(1), "d": Decimal(24),
                  "д": Decimal(24), "m": Decimal(1) / 60}
MAX_WAIT_HOURS = Decimal(24 * 365)


def _side(session: Session, invocation: Invocation, name: str) -> Partner | None:
    if fold(name) in COMPANY_WORDS:
        return None
    partner = require_partner(session, invocation, name)
    if partner.archived:
        raise PartnerArchived(partner.name)
    return partner


def waited_hours(raw: str) -> Decimal:
    match = _WAIT.fullmatch(raw.strip())
    if match is None:
        raise InvalidField(tr("waited '{raw}' is not a duration; write 3h, 2d or 45m.", raw=raw))
    hours = Decimal(match[1].replace(",", ".")) * HOURS_PER_UNIT[match[2].casefold()]
    if hours > MAX_WAIT_HOURS:
        raise InvalidField(tr("waited={raw} is more than a year; check the number.", raw=raw))
    return hours.quantize(Decimal("0.01"))


def _alliance_for(session: Session, invocation: Invocation, named: str | None, sides: list[Partner]) -> Alliance | None:
    ids = [p.id for p in sides if p.id is not None]
    held = repository.partner_alliances(session=session, team_id=invocation.team_id, partner_ids=ids)
    common = set.intersection(*({a.id for a, _ in held.get(pid, [])} for pid in ids)) if ids else set()
    if named is not None:
        alliance = require_alliance(session, invocation, named)
        if alliance.id not in common:
            raise InvalidField(
                tr("{partners} are not all members of {alliance}.", partners=tr(" and ").join(p.name for p in sides),
                   alliance=alliance.name)
            )
        return alliance
    candidates = sorted({a.name: a for pid in ids for a, _ in held.get(pid, []) if a.id in common}.items())
    if len(candidates) > 1:
        names = ", ".join(f'"{name}"' for name, _ in candidates[:5])
        raise InvalidField(
            tr("They share several alliances ({names}); say which with alliance=NAME. {usage}", names=names,
               usage=HANDOVER_USAGE)
        )
    return candidates[0][1] if candidates else None


def handover(command: HandoverCommand, invocation: Invocation) -> Reply:
    fields = {fold(key): value for key, value in command.fields}
    client = (clean_value("notes", fields.pop("client", "")) or "")[:200]
    if not client:
        raise InvalidField(tr('Which client? Add client="Foo LLC". Usage: {usage}', usage=HANDOVER_USAGE))
    value = parse_amount(fields.pop("value"), what="value") if "value" in fields else None
    waited = waited_hours(fields.pop("waited")) if "waited" in fields else None
    today = local_date(invocation.now, invocation.timezone)
    on_date = today
    for key in DATE_KEYS:
        if key in fields:
            on_date = parse_day(fields.pop(key), today, field="on") or today
    named = fields.pop("alliance", None)
    if fields:
        raise InvalidField(
            tr("'{key}=' is not a hand-over field. Usage: {usage}", key=next(iter(fields)), usage=HANDOVER_USAGE)
        )
    with invocation.unit_of_work() as uow:
        source = _side(uow.session, invocation, command.source)
        target = _side(uow.session, invocation, command.target)
        if (source is None and target is None) or (source is not None and source == target):
            raise InvalidField(tr("A hand-over goes between two different sides: a partner and another, or `us`."))
        alliance = _alliance_for(uow.session, invocation, named, [p for p in (source, target) if p is not None])
        uow.session.add(
            Handover(
                team_id=invocation.team_id, alliance_id=alliance.id if alliance else None,
                from_partner_id=source.id if source else None, to_partner_id=target.id if target else None,
                client=client, value=value, waited_hours=waited, on_date=on_date,
                recorded_at=invocation.now, recorded_by=invocation.user_id,
            )
        )
        uow.commit()
    text = f"{source.name if source else 'us'} → {target.name if target else 'us'}: {client}"
    return Reply(FlowRecorded(text, on_date, alliance.name if alliance else None, value=value), public=True)


def bonus(command: BonusCommand, invocation: Invocation) -> Reply:
    amount = parse_amount(command.amount, what="bonus")
    if amount == 0:
        raise InvalidField(tr("A bonus of 0 records nothing; give the amount paid, e.g. 1.2k."))
    reason = clean_value("notes", command.reason or "")
    if reason and len(reason) > 200:
        raise InvalidField(
            trn("The reason is {count} character long; keep it under 200.",
                "The reason is {count} characters long; keep it under 200.", len(reason))
        )
    today = local_date(invocation.now, invocation.timezone)
    on_date = today
    for key, raw in command.fields:
        if fold(key) not in DATE_KEYS:
            raise InvalidField(tr("'{key}=' is not a bonus field. Usage: {usage}", key=key, usage=BONUS_USAGE))
        on_date = parse_day(raw, today, field="on") or today
    with invocation.unit_of_work() as uow:
        partner = _side(uow.session, invocation, command.partner)
        if partner is None or partner.id is None:
            raise InvalidField(tr("A bonus is paid to a partner; name it, e.g. `/partner bonus Acme 1.2k`."))
        uow.session.add(
            Bonus(
                team_id=invocation.team_id, partner_id=partner.id, amount=amount, reason=reason, on_date=on_date,
                recorded_at=invocation.now, recorded_by=invocation.user_id,
            )
        )
        uow.commit()
    return Reply(FlowRecorded(tr("Bonus to {partner}",
                                 partner=partner.name), on_date, reason=reason, value=amount), public=True)
