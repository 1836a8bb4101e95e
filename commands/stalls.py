"""Stalled partners: the list, thresholds, reasons, and the alerts the daily job posts and people snooze."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session

from commands.cards import days_in_stage
from commands.context import Invocation
from commands.parse import Stalled
from commands.replies import Notice, Reply, StalledList, StalledPartner, StallReasons
from domain.clock import days_between, local_date
from domain.errors import InvalidField, PartnerbotError
from domain.journey import is_stalled
from storage import stalls as repository
from storage.partners import active_partners
from storage.tables import Partner, StallAlert
from storage.unit_of_work import UnitOfWork
from storage.workspace import set_threshold

SNOOZE_DAYS = 7
MAX_THRESHOLD_DAYS = 3650


def _describe_activity(session: Session, partner: Partner, invocation: Invocation) -> str:
    return describe_activity(repository.last_activity(session=session, partner=partner), invocation)


def describe_activity(activity: tuple[str, datetime] | None, invocation: Invocation) -> str:
    if activity is None:
        return "no activity recorded"
    kind, when = activity
    ago = days_between(when, invocation.now, invocation.timezone)
    return f"last {kind} {ago} day{'s' if ago != 1 else ''} ago"


def stalled_partner(
    session: Session,
    partner: Partner,
    invocation: Invocation,
    alert: StallAlert | None,
    last_activity: str | None = None,
) -> StalledPartner | None:
    stage = invocation.journey.get(partner.stage)
    days = days_in_stage(partner, invocation)
    if not is_stalled(stage, days):
        return None
    assert stage.stall_threshold_days is not None
    until = alert.snoozed_until if alert is not None else None
    snoozed = alert if alert is not None and until is not None and until > invocation.now else None
    return StalledPartner(
        alert_id=alert.id if alert else None,
        partner=partner.name,
        stage=stage.name,
        stage_key=stage.key,
        days=days,
        threshold=stage.stall_threshold_days,
        owner=partner.owner,
        last_activity=last_activity or _describe_activity(session, partner, invocation),
        snoozed_until=local_date(until, invocation.timezone) if snoozed and until else None,
        snoozed_by=snoozed.snoozed_by if snoozed else None,
        snooze_reason=snoozed.snooze_reason if snoozed else None,
    )


def stalled_partners(session: Session, invocation: Invocation, *, owner: str | None = None) -> list[StalledPartner]:
    """The stalled active partners (of one owner, when given), most overdue first."""
    alerts = repository.alerts_for_team(session=session, team_id=invocation.team_id)
    found = []
    for partner in active_partners(session=session, team_id=invocation.team_id, owner=owner):
        entry = stalled_partner(session, partner, invocation, alerts.get(partner.id or 0))
        if entry is not None:
            found.append(entry)
    return sorted(found, key=lambda s: (-(s.days - s.threshold), s.partner.casefold()))


def stalled(command: Stalled, invocation: Invocation) -> Reply:
    if command.set_stage is not None:
        return set_stage_threshold(invocation, command.set_stage, command.set_days or "")
    if command.reasons:
        return reasons(invocation)
    with invocation.unit_of_work() as uow:
        found = stalled_partners(uow.session, invocation)
    thresholds = tuple((stage.name, stage.stall_threshold_days) for stage in invocation.journey.stages)
    return Reply(StalledList(tuple(found), thresholds))


def set_stage_threshold(invocation: Invocation, stage_word: str, days_word: str) -> Reply:
    stage = invocation.journey.resolve(stage_word)
    word = days_word.strip().casefold()
    if word in ("none", "never", "off", "-"):
        days = None
    elif word.isdecimal() and 1 <= int(word) <= MAX_THRESHOLD_DAYS:
        days = int(word)
    else:
        raise InvalidField(
            f"'{days_word}' is not a number of days; give 1–{MAX_THRESHOLD_DAYS},"
            " or `none` for a stage that never stalls."
        )
    with invocation.unit_of_work() as uow:
        set_threshold(session=uow.session, team_id=invocation.team_id, stage=stage.key, days=days)
        uow.commit()
    before = stage.stall_threshold_days
    now = f"{days} days" if days else "never"
    was = f"{before} days" if before else "never"
    return Reply(Notice(f"{stage.name} now stalls after {now} (was {was}).", tone="success"), public=True)


def reasons(invocation: Invocation) -> Reply:
    """Why partners get stuck: snooze reasons people gave, and which stages stall most."""
    with invocation.unit_of_work() as uow:
        every = repository.all_alerts(session=uow.session, team_id=invocation.team_id)
    given = Counter(" ".join(a.snooze_reason.split()).casefold() for a in every if a.snooze_reason)
    stages = Counter(invocation.journey.get(a.stage).name for a in every)
    return Reply(
        StallReasons(tuple(given.most_common(10)), tuple(stages.most_common()), sum(1 for a in every if a.snoozed_by))
    )


def due_alerts(unit_of_work: Callable[[], UnitOfWork], invocation: Invocation) -> list[StalledPartner]:
    """Claims one alert per stall episode (or per ended snooze) and returns what to post.

    The claim is written before posting, so two runs never alert twice; the unique key per
    episode is the guard across replicas.
    """
    due = []
    with unit_of_work() as uow:
        session = uow.session
        alerts = repository.alerts_for_team(session=session, team_id=invocation.team_id)
        for partner in active_partners(session=session, team_id=invocation.team_id):
            if not is_stalled(invocation.journey.get(partner.stage), days_in_stage(partner, invocation)):
                continue
            alert = alerts.get(partner.id or 0)
            if alert is None:
                alert = repository.claim_new_alert(session=session, partner=partner, now=invocation.now)
            elif alert.snoozed_until is not None and alert.snoozed_until <= invocation.now:
                if not repository.claim_expired_snooze(session=session, alert=alert, now=invocation.now):
                    continue
                session.refresh(alert)
            else:
                continue
            entry = stalled_partner(session, partner, invocation, alert) if alert is not None else None
            if entry is not None:
                due.append(entry)
        uow.commit()
    return due


def record_alert_message(
    unit_of_work: Callable[[], UnitOfWork], team_id: str, alert_id: int, channel: str, ts: str
) -> None:
    with unit_of_work() as uow:
        alert = repository.get_alert(session=uow.session, team_id=team_id, alert_id=alert_id)
        if alert is not None:
            alert.channel, alert.message_ts = channel, ts
            uow.session.add(alert)
            uow.commit()


def release_alert(unit_of_work: Callable[[], UnitOfWork], invocation: Invocation, alert_id: int) -> None:
    with unit_of_work() as uow:
        repository.release_alert(session=uow.session, team_id=invocation.team_id, alert_id=alert_id, now=invocation.now)
        uow.commit()


def snooze(invocation: Invocation, alert_id: int, reason: str | None) -> tuple[StallAlert, StalledPartner]:
    """Snoozes an alert for SNOOZE_DAYS with an optional reason; returns the alert and the partner's state."""
    text = " ".join((reason or "").split())[:300] or None
    with invocation.unit_of_work() as uow:
        alert = repository.get_alert(session=uow.session, team_id=invocation.team_id, alert_id=alert_id)
        if alert is None:
            raise PartnerbotError("That alert no longer exists.")
        partner = uow.session.get(Partner, alert.partner_id)
        assert partner is not None
        alert.snoozed_until = invocation.now + timedelta(days=SNOOZE_DAYS)
        alert.snoozed_by, alert.snooze_reason = invocation.user_id, text
        uow.session.add(alert)
        uow.commit()
        entry = stalled_partner(uow.session, partner, invocation, alert)
    if entry is None:
        raise PartnerbotError(f"{partner.name} is no longer stalled; nothing to snooze.")
    return alert, entry


def alert_partner(invocation: Invocation, alert_id: int) -> tuple[StallAlert, str]:
    with invocation.unit_of_work() as uow:
        alert = repository.get_alert(session=uow.session, team_id=invocation.team_id, alert_id=alert_id)
        if alert is None:
            raise PartnerbotError("That alert no longer exists.")
        partner = uow.session.get(Partner, alert.partner_id)
        assert partner is not None
        return alert, partner.name


def snooze_ends(alert: StallAlert, invocation: Invocation) -> str:
    assert alert.snoozed_until is not None
    return local_date(alert.snoozed_until, invocation.timezone).strftime("%-d %b")
