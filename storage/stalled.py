"""Stalled partners a page at a time, with the total, for `/partner stalled`, the App Home and the jobs.

A stage's stalled partners are those that entered it before its cutoff (`domain.stalled.stall_cutoff`),
a range on the (stage, stage_entered_at) index; the most overdue come first across stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from domain.journey import Journey
from domain.stalled import entered_day, stall_cutoff
from storage.stage_windows import PartnerFilter, count_before, stage_slice
from storage.tables import Partner, StallAlert


@dataclass(frozen=True)
class StalledPage:
    partners: list[Partner]
    """Most overdue first (then by name)."""
    total: int


def _cutoffs(journey: Journey, now: datetime, zone: ZoneInfo) -> dict[str, tuple[datetime, int]]:
    found = {}
    for stage in journey.stages:
        cutoff = stall_cutoff(stage, now, zone)
        if cutoff is not None and stage.stall_threshold_days is not None:
            found[stage.key] = (cutoff, stage.stall_threshold_days)
    return found


def stalled_total(*, session: Session, scope: PartnerFilter, journey: Journey, now: datetime, zone: ZoneInfo) -> int:
    return sum(
        count_before(session=session, scope=scope, stage=key, before=cutoff)
        for key, (cutoff, _) in _cutoffs(journey, now, zone).items()
    )


def stalled_page(
    *,
    session: Session,
    scope: PartnerFilter,
    journey: Journey,
    now: datetime,
    zone: ZoneInfo,
    offset: int,
    limit: int,
    total: int | None = None,
) -> StalledPage:
    """Rows [offset, offset + limit) of the stalled list: each stage gives its first offset + limit, merged. The
    stalled are counted unless the caller already did (`total`): at 100,000 partners each count walks tens of
    thousands of index entries."""
    candidates: list[tuple[object, str, Partner]] = []
    if total is None:
        total = stalled_total(session=session, scope=scope, journey=journey, now=now, zone=zone)
    for key, (cutoff, threshold) in _cutoffs(journey, now, zone).items():
        for partner in stage_slice(
            session=session, scope=scope, stage=key, start=0, stop=offset + limit, now=now, zone=zone, before=cutoff
        ):
            due = entered_day(partner.stage_entered_at, now, zone) + timedelta(days=threshold)
            candidates.append((due, partner.name.casefold(), partner))
    candidates.sort(key=lambda item: (item[0], item[1]))
    return StalledPage([partner for _, _, partner in candidates[offset : offset + limit]], total)


def due_for_alert(
    *, session: Session, team_id: str, journey: Journey, now: datetime, zone: ZoneInfo, limit: int
) -> list[tuple[Partner, StallAlert | None]]:
    """Up to `limit` stalled partners whose episode is due an alert (none yet, or its snooze ended), each with
    the episode's alert: per stage a range on the (stage, stage_entered_at) index joined to the episode's alert,
    stage by stage in journey order, the longest in the stage first."""
    found: list[tuple[Partner, StallAlert | None]] = []
    episode = and_(
        col(StallAlert.partner_id) == col(Partner.id),
        col(StallAlert.episode_started_at) == col(Partner.stage_entered_at),
    )
    due = or_(col(StallAlert.id).is_(None), col(StallAlert.snoozed_until) <= now)
    for key, (cutoff, _) in _cutoffs(journey, now, zone).items():
        query = (
            select(Partner, StallAlert)
            .outerjoin(StallAlert, episode)
            .where(Partner.team_id == team_id, col(Partner.archived).is_(False), Partner.stage == key)
            .where(col(Partner.stage_entered_at) < cutoff, due)
            .order_by(col(Partner.stage_entered_at), col(Partner.id))
            .limit(limit - len(found))
        )
        found += [(partner, alert) for partner, alert in session.exec(query).all()]
        if len(found) >= limit:
            break
    return found


def alerts_for_partners(*, session: Session, partners: Sequence[Partner]) -> dict[int, StallAlert]:
    """The alert of each given partner's current stall episode, by partner id."""
    ids = [partner.id for partner in partners if partner.id is not None]
    if not ids:
        return {}
    entered = {partner.id: partner.stage_entered_at for partner in partners}
    query = select(StallAlert).where(col(StallAlert.partner_id).in_(ids))
    return {
        alert.partner_id: alert
        for alert in session.exec(query).all()
        if alert.episode_started_at == entered.get(alert.partner_id)
    }


def last_activities(*, partners: Sequence[Partner]) -> dict[int, tuple[str, datetime]]:
    """Each partner's newest stage move, feedback or KPI entry, and which it was, as its row keeps it."""
    return {
        partner.id: (partner.last_activity_kind, partner.last_activity_at)
        for partner in partners
        if partner.id is not None and partner.last_activity_at is not None and partner.last_activity_kind is not None
    }
