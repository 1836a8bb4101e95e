"""Alert the digest channel once per stall episode (again only after a snooze ends)."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from slack_sdk import WebClient

from bot.delivery import post_in_channel
from bot.services import Services
from commands.replies import StallAlertMessage
from commands.stalls import due_alerts, record_alert_message, release_alert
from storage.workspace import alert_workspaces

logger = logging.getLogger("partnerbot.jobs")


def post_stalled_alerts(services: Services, client: WebClient, now: datetime) -> str:
    with services.unit_of_work() as uow:
        targets = [(row.team_id, row.digest_channel) for row in alert_workspaces(session=uow.session)]
    posted = 0
    for team_id, channel in targets:
        assert channel is not None
        invocation = replace(services.invocation(team_id=team_id, user_id="scheduler"), now=now)
        for stalled in due_alerts(invocation):
            try:
                ts = post_in_channel(client, channel, StallAlertMessage(stalled))
            except Exception:
                logger.exception("stall alert for %s in %s could not be posted; will retry", stalled.partner, team_id)
                if stalled.alert_id is not None:
                    release_alert(invocation, stalled.alert_id)
                continue
            if stalled.alert_id is not None and ts is not None:
                record_alert_message(services.unit_of_work, team_id, stalled.alert_id, channel, ts)
            posted += 1
    return f"stalled-alerts: {posted} alert(s) posted in {len(targets)} workspace(s)"
