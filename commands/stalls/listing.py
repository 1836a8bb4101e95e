"""Stalled partners: the list, thresholds, reasons, and where the daily summary goes."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlmodel import Session

from commands.context import Invocation
from commands.registry.cards import days_in_stage
from commands.replies import Notice, Reply, StalledPartner, StallReasons
from commands.stalls.parse import Stalled
from domain.clock import days_between, local_date
from domain.errors import InvalidField
from domain.journey import is_stalled
from domain.language import N_, tr, trn
from domain.stalls import is_snoozed
from storage import stalls as repository
from storage.tables import Partner, StallAlert
from storage.workspace import set_threshold, settings_for_update

MAX_THRESHOLD_DAYS = 3650


def _describe_activity(session: Session, partner: Partner, invocation: Invocation) -> str:
    return describe_activity(repository.last_activity(partner=partner), invocation)


def describe_activity(activity: tuple[str, datetime] | None, invocation: Invocation) -> str:
    if activity is None:
        return tr("no activity recorded")
    kind, when = activity
    ago = days_between(when, invocation.now, invocation.timezone)
    if kind == "stage move":
        return trn("last stage move {count} day ago", "last stage move {count} days ago", ago)
    if kind == "feedback":
        return trn("last feedback {count} day ago", "last feedback {count} days ago", ago)
    if kind == "KPI entry":
        return trn("last KPI entry {count} day ago", "last KPI entry {count} days ago", ago)
    if kind == "touchpoint":
        return trn("last touchpoint {count} day ago", "last touchpoint {count} days ago", ago)
    return trn("last {kind} {count} day ago", "last {kind} {count} days ago", ago, kind=kind)


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
    snoozed = alert if alert is not None and is_snoozed(until, invocation.now) else None
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


def stalled(command: Stalled, invocation: Invocation) -> Reply:
    if command.set_stage is not None:
        return set_stage_threshold(invocation, command.set_stage, command.set_days or "")
    if command.reasons:
        return reasons(invocation)
    assert command.notify is not None, "the list itself is paged (commands/stalls/paged.py)"
    return set_notify(invocation, command.notify)


def set_stage_threshold(invocation: Invocation, stage_word: str, days_word: str) -> Reply:
    word = days_word.strip().casefold()
    with invocation.unit_of_work() as uow:
        stage = invocation.journey.resolve(stage_word)
        if word in ("none", "never", "off", "-"):
            days = None
        elif word.isdecimal() and 1 <= int(word) <= MAX_THRESHOLD_DAYS:
            days = int(word)
        else:
            raise InvalidField(
                tr("'{word}' is not a number of days; give 1–{limit}, or `none` for a stage that never stalls.",
                   word=days_word, limit=MAX_THRESHOLD_DAYS)
            )
        set_threshold(session=uow.session, team_id=invocation.team_id, stage=stage.key, days=days)
        uow.commit()
    before = stage.stall_threshold_days
    now = trn("{count} day", "{count} days", days) if days else tr("never")
    was = trn("{count} day", "{count} days", before) if before else tr("never")
    text = tr("{stage} now stalls after {now} (was {was}).", stage=stage.name, now=now, was=was)
    return Reply(Notice(text, tone="success"), public=True)


def reasons(invocation: Invocation) -> Reply:
    """Why partners get stuck: snooze reasons people gave, and which stages stall most."""
    with invocation.unit_of_work() as uow:
        every = repository.all_alerts(session=uow.session, team_id=invocation.team_id)
    given = Counter(" ".join(a.snooze_reason.split()).casefold() for a in every if a.snooze_reason)
    stages = Counter(invocation.journey.get(a.stage).name for a in every)
    return Reply(
        StallReasons(tuple(given.most_common(10)), tuple(stages.most_common()), sum(1 for a in every if a.snoozed_by))
    )




NOTIFY_WORDS = {
    "channel": N_("in the digest channel"),
    "dm": N_("to each owner by DM (their partners only)"),
    "both": N_("in the digest channel and to each owner by DM"),
}


def set_notify(invocation: Invocation, where: str) -> Reply:
    with invocation.unit_of_work() as uow:
        row = settings_for_update(
            session=uow.session, team_id=invocation.team_id, now=invocation.now, user=invocation.user_id
        )
        before, row.stall_notify = row.stall_notify, where
        uow.commit()
    where_now = tr(NOTIFY_WORDS[where])
    text = (
        tr("The daily summary of newly stalled partners now goes {where} (was {was}).", where=where_now,
           was=tr(NOTIFY_WORDS.get(before, before)))
        if before != where
        else tr("The daily summary of newly stalled partners now goes {where}.", where=where_now)
    )
    return Reply(Notice(text, tone="success"), public=True)
