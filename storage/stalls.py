"""Queries for stall alerts and partners' last activity."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from storage.once import insert_once
from storage.tables import Partner, StallAlert


def alert_for_episode(*, session: Session, partner: Partner) -> StallAlert | None:
    return session.exec(
        select(StallAlert).where(
            StallAlert.partner_id == partner.id, StallAlert.episode_started_at == partner.stage_entered_at
        )
    ).first()


def alerts_for_team(*, session: Session, team_id: str) -> dict[int, StallAlert]:
    """The alert of each partner's current episode, by partner id."""
    query = (
        select(StallAlert)
        .join(Partner, col(Partner.id) == col(StallAlert.partner_id))
        .where(StallAlert.team_id == team_id, StallAlert.episode_started_at == Partner.stage_entered_at)
    )
    return {alert.partner_id: alert for alert in session.exec(query).all()}


def get_alert(*, session: Session, team_id: str, alert_id: int) -> StallAlert | None:
    alert = session.get(StallAlert, alert_id)
    return alert if alert is not None and alert.team_id == team_id else None


def claim_new_alert(*, session: Session, partner: Partner, now: datetime) -> StallAlert | None:
    """Inserts the episode's alert; None when another run already claimed it (unique per episode)."""
    assert partner.id is not None
    alert = StallAlert(
        team_id=partner.team_id,
        partner_id=partner.id,
        stage=partner.stage,
        episode_started_at=partner.stage_entered_at,
        alerted_at=now,
    )
    return insert_once(session=session, row=alert)


def claim_new_alerts(*, session: Session, partners: Sequence[Partner], now: datetime) -> dict[int, StallAlert]:
    """Inserts each episode's alert in one statement, skipping those another run already claimed (unique per
    episode); the alerts this call inserted, by partner id."""
    if not partners:
        return {}
    table = StallAlert.__table__  # type: ignore[attr-defined]
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    rows = [
        {
            "team_id": p.team_id,
            "partner_id": p.id,
            "stage": p.stage,
            "episode_started_at": p.stage_entered_at,
            "alerted_at": now,
        }
        for p in partners
    ]
    statement = insert(table).on_conflict_do_nothing(index_elements=["partner_id", "episode_started_at"])
    ids = [row[0] for row in session.execute(statement.returning(table.c.id), rows).all()]
    query = select(StallAlert).where(col(StallAlert.id).in_(ids)) if ids else None
    return {alert.partner_id: alert for alert in session.exec(query).all()} if query is not None else {}


def claim_expired_snooze(*, session: Session, alert: StallAlert, now: datetime) -> bool:
    """Re-arms an alert whose snooze ended; the conditional update lets only one run win."""
    result = session.execute(
        update(StallAlert)
        .where(col(StallAlert.id) == alert.id, col(StallAlert.snoozed_until) == alert.snoozed_until)
        .values(snoozed_until=None, alerted_at=now)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def last_activity(*, partner: Partner) -> tuple[str, datetime] | None:
    """The newest of the partner's stage moves, feedback and KPI entries, with what it was (kept on its row)."""
    if partner.last_activity_at is None or partner.last_activity_kind is None:
        return None
    return partner.last_activity_kind, partner.last_activity_at


def all_alerts(*, session: Session, team_id: str) -> list[StallAlert]:
    return list(session.exec(select(StallAlert).where(StallAlert.team_id == team_id)).all())
