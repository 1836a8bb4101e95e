"""A message for a channel as outbox steps: the message, and each of its charts in its thread (what the chart
shows; the sender draws it)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from slack_sdk import WebClient
from sqlmodel import Session

from bot.channel_safety import HELD, shared_channel_refusal
from bot.digest_charts import plans_for
from bot.outbox import charts, drain
from bot.payloads import message_payload
from bot.workspace_clients import WorkspaceClients
from commands.replies import Body, JourneyMap, WeeklyDigest
from domain.language import N_, tr
from storage import outbox
from storage.delivery_tables import OutboxStep
from storage.unit_of_work import UnitOfWork

logger = logging.getLogger("partnerbot.outbox")
NOT_IN_CHANNEL = N_(":wave: I am not in this channel yet. Type `/invite @partnerbot` here, then try again.")
THINGS: dict[type, str] = {WeeklyDigest: N_("the digest"), JourneyMap: N_("the journey map")}
MESSAGE = N_("the message")


def enqueue_post(
    session: Session, *, team_id: str, key: str, channel: str, body: Body, now: datetime
) -> list[OutboxStep]:
    """The message step, then one chart step per chart waiting for its ts; [] when `key` was enqueued before."""
    payload = message_payload(body)
    message = outbox.enqueue(
        session=session,
        team_id=team_id,
        key=key,
        kind="message",
        channel=channel,
        payload={"blocks": payload["blocks"], "text": payload["text"]},
        now=now,
    )
    if message is None:
        return []
    steps = [message]
    for plan in plans_for(body):
        step = outbox.enqueue(
            session=session,
            team_id=team_id,
            key=f"{key}:chart:{plan.filename}",
            kind="chart",
            channel=channel,
            payload=charts.encode(plan),
            now=now,
            parent=message,
        )
        if step is not None:
            steps.append(step)
    return steps


def post_now(
    database: Callable[[], UnitOfWork], client: WebClient, *, team_id: str, channel: str, body: Body
) -> str | None:
    """A command's message for a channel (`digest now`, `map`) through the outbox, sent at once; returns what to
    tell the person who asked when not everything was posted (None when it all was)."""
    now = datetime.now(UTC)
    with database() as uow:
        key = f"post:{uuid.uuid4()}"
        steps = enqueue_post(uow.session, team_id=team_id, key=key, channel=channel, body=body, now=now)
        ids = tuple(step.id for step in steps if step.id is not None)
        uow.commit()
    what = tr(THINGS.get(type(body), MESSAGE))
    try:
        done = drain(database, WorkspaceClients.single(client), team_id=team_id, ids=ids)
    except Exception:
        logger.exception("the outbox could not send %s now; the scheduled sender will", what)
        return tr(
            "{What} is queued; it will be posted in <#{channel}> shortly.",
            What=what[0].upper() + what[1:],
            channel=channel,
        )
    message_id, chart_ids = ids[0], set(ids[1:])
    failed = dict(done.failed)
    if message_id in failed:
        if failed[message_id] in ("not_in_channel", "channel_not_found"):
            return tr(NOT_IN_CHANNEL)
        if failed[message_id] == HELD:
            return shared_channel_refusal(channel)
        return tr("Slack refused {what} ({error}); nothing was posted.", what=what, error=failed[message_id])
    if message_id not in done.sent:
        return tr(
            "Slack did not take {what} yet; it will be posted in <#{channel}> shortly.", what=what, channel=channel
        )
    unsent = chart_ids - set(done.sent)
    if not unsent:
        return None
    if unsent & set(failed):
        reason = ", ".join(sorted({failed[step] for step in unsent & set(failed)}))
        return tr(
            "Posted {what} in <#{channel}>; the charts could not be uploaded ({reason}).",
            what=what,
            channel=channel,
            reason=reason,
        )
    return tr(
        "Posted {what} in <#{channel}>; the charts could not be uploaded yet and will follow in its thread.",
        what=what,
        channel=channel,
    )
