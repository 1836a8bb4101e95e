"""The daily summary of newly stalled partners: claimed and enqueued in one transaction, updated in place.

One alert per stall episode, as before: the claims (storage/stalls.py) are written in the same transaction as
the outbox steps that announce them, so a claim is never released and an episode never announced twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlmodel import Session

from commands.context import Invocation
from commands.language import languages_to_write_to
from commands.replies import StallSummary, SummaryLine
from commands.stalls.listing import stalled_partner
from storage import outbox
from storage import stalls as repository
from storage.delivery_tables import OutboxStep
from storage.stage_windows import PartnerFilter
from storage.stalled import due_for_alert, stalled_total
from storage.tables import Partner, StallAlert
from storage.workspace import get_settings

SHOWN_LINES = 20
CLAIM_LIMIT = 2000
"""Episodes one run claims at most (a first run over a large backlog spreads it over the following days)."""
BODY = "stall_summary"
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


@dataclass
class Claimed:
    """The episodes one run claimed (each alert with its summary line), and how many partners are stalled."""

    alerts: list[tuple[StallAlert, SummaryLine]] = field(default_factory=list)
    stalled: int = 0


def claim_due(session: Session, invocation: Invocation, limit: int = CLAIM_LIMIT) -> Claimed:
    """Claims the episodes due an alert (new ones, and those whose snooze ended): at most `limit` a run, the
    longest stalled first; the rest are claimed by the next run."""
    scope = PartnerFilter(invocation.team_id)
    now, zone, journey = invocation.now, invocation.timezone, invocation.journey
    claimed = Claimed(stalled=stalled_total(session=session, scope=scope, journey=journey, now=now, zone=zone))
    due = due_for_alert(session=session, team_id=invocation.team_id, journey=journey, now=now, zone=zone, limit=limit)
    new = repository.claim_new_alerts(session=session, partners=[p for p, alert in due if alert is None], now=now)
    for partner, alert in due:
        if alert is None:
            alert = new.get(partner.id or 0)
        elif repository.claim_expired_snooze(session=session, alert=alert, now=now):
            session.refresh(alert)
        else:
            continue
        entry = stalled_partner(session, partner, invocation, alert) if alert is not None else None
        if alert is not None and entry is not None and alert.id is not None:
            over = entry.days - entry.threshold
            line = SummaryLine(
                alert.id, entry.partner, entry.stage, entry.stage_key, entry.owner, over, entry.last_activity
            )
            claimed.alerts.append((alert, line))
    return claimed


def build_summary(lines: list[SummaryLine], stalled: int, owner: str | None = None) -> StallSummary:
    """Grouped by owner (no owner last), most overdue first within each; the first SHOWN_LINES shown."""
    ordered = sorted(lines, key=lambda line: (line.owner is None, line.owner or "", -line.days_over, line.partner))
    return StallSummary(len(lines), stalled, tuple(ordered[:SHOWN_LINES]), max(0, len(lines) - SHOWN_LINES), owner)


def enqueue_daily_summary(invocation: Invocation) -> str:
    """Claims today's newly stalled partners and enqueues their summary: one channel message and/or one DM per
    owner (the workspace's `stalled notify` setting), in the claims' transaction. Returns what it did."""
    with invocation.unit_of_work() as uow:
        session = uow.session
        settings = get_settings(session=session, team_id=invocation.team_id)
        notify = settings.stall_notify if settings is not None else "channel"
        channel = settings.digest_channel if settings is not None else None
        claimed = claim_due(session, invocation)
        if not claimed.alerts:
            uow.commit()
            return "no newly stalled partners"
        stalled, lines = claimed.stalled, [line for _, line in claimed.alerts]
        stamp = invocation.now.strftime("%Y%m%dT%H%M%S%f")
        step = None
        if channel and notify in ("channel", "both"):
            summary = build_summary(lines, stalled)
            step = _enqueue(session, invocation, f"stall-summary:{stamp}", channel, summary)
        owners = sorted({line.owner for line in lines if line.owner and _USER_ID.fullmatch(line.owner)})
        dms: dict[str, OutboxStep | None] = {}
        if notify in ("dm", "both"):
            languages = languages_to_write_to(session, invocation.people, team_id=invocation.team_id, user_ids=owners)
            for owner in owners:
                mine = build_summary([line for line in lines if line.owner == owner], 0, owner)
                key = f"stall-summary:{stamp}:dm:{owner}"
                dms[owner] = _enqueue(session, invocation, key, owner, mine, language=languages[owner])
        for alert, line in claimed.alerts:
            announced = step if step is not None else dms.get(line.owner or "")
            alert.summary_step_id = announced.id if announced is not None else None
            session.add(alert)
        uow.commit()
    where = f"{'1 summary' if step else 'no channel summary'}, {len(owners) if notify != 'channel' else 0} DM(s)"
    return f"{len(lines)} newly stalled: {where}"


def _enqueue(
    session: Session, invocation: Invocation, key: str, to: str, summary: StallSummary, language: str | None = None
) -> OutboxStep | None:
    """A channel's summary in the language the job speaks (the workspace's); an owner's DM in `language`."""
    kind = "dm" if summary.owner else "message"
    payload = {"body": BODY, "data": summary_data(summary)}
    if language is not None:
        payload[outbox.LANGUAGE] = language
    return outbox.enqueue(
        session=session, team_id=invocation.team_id, key=key, kind=kind, channel=to, payload=payload, now=invocation.now
    )


def record_outcome(
    session: Session,
    invocation: Invocation,
    alert: StallAlert,
    *,
    moved_to: str | None = None,
    until: date | None = None,
) -> bool:
    """Rewrites the alert's line in the summary that announced it and enqueues the summary's update (chat.update
    of the stored channel and ts); with `stalled notify both`, the owner's DM summary of that run too. False
    when the alert was not announced by a summary."""
    if alert.summary_step_id is None:
        return False
    step = outbox.update_payload(session=session, step_id=alert.summary_step_id, team_id=invocation.team_id)
    owner = _rewrite_line(session, invocation, step, alert, moved_to, until)
    if owner is None or step is None or step.kind != "message":
        return owner is not None
    partner = session.get(Partner, alert.partner_id)
    owner = owner or (partner.owner if partner is not None else None)
    keys = [f"{step.key}:dm:{owner}"] if owner else []
    for dm in outbox.by_keys(session=session, team_id=invocation.team_id, keys=keys):
        locked = outbox.update_payload(session=session, step_id=dm.id or 0, team_id=invocation.team_id)
        _rewrite_line(session, invocation, locked, alert, moved_to, until)
    return True


def _rewrite_line(
    session: Session,
    invocation: Invocation,
    step: OutboxStep | None,
    alert: StallAlert,
    moved_to: str | None,
    until: date | None,
) -> str | None:
    """Rewrites the alert's line in a summary step (row-locked) and enqueues its update; returns the line's owner
    ("" when the line is not among those shown), or None when there is no summary to update."""
    if step is None or step.state == outbox.FAILED:
        return None
    payload = outbox.loads(step)
    summary = summary_from_data(payload["data"])
    owner = next((line.owner or "" for line in summary.lines if line.alert_id == alert.id), "")
    lines = tuple(
        replace(line, moved_to=moved_to, snoozed_until=until, by=invocation.user_id)
        if line.alert_id == alert.id
        else line
        for line in summary.lines
    )
    step.payload = outbox.dumps({**payload, "data": summary_data(replace(summary, lines=lines))})
    session.add(step)
    key = f"update:{step.id}:{alert.id}:{invocation.now.isoformat()}"
    outbox.enqueue(
        session=session, team_id=invocation.team_id, key=key, kind="update", channel=step.channel,
        payload={}, now=invocation.now, parent=step,
    )
    return owner


def summary_data(summary: StallSummary) -> dict[str, Any]:
    lines = [
        {**line.__dict__, "snoozed_until": line.snoozed_until.isoformat() if line.snoozed_until else None}
        for line in summary.lines
    ]
    counts = {"new": summary.new, "stalled": summary.stalled, "more": summary.more}
    return {**counts, "owner": summary.owner, "lines": lines}


def summary_from_data(data: dict[str, Any]) -> StallSummary:
    def line_of(line: dict[str, Any]) -> SummaryLine:
        until = line["snoozed_until"]
        return SummaryLine(**{**line, "snoozed_until": date.fromisoformat(until) if until else None})

    lines = tuple(line_of(line) for line in data["lines"])
    return StallSummary(data["new"], data["stalled"], lines, data["more"], data["owner"])
