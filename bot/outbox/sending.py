"""One outbox step sent to Slack by kind, and what a failure means for retrying it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest_charts import render
from bot.outbox.charts import decode
from bot.payloads import message_payload
from commands.replies import Body, ScoreInvitation
from commands.stalls.summary import BODY as STALL_SUMMARY
from commands.stalls.summary import summary_from_data
from domain.language import speaking
from domain.outbox import Failure
from storage import outbox
from storage.delivery_tables import OutboxStep
from storage.outbox import Posted


class NotInstalled(Exception):
    """No installation of the app in the step's workspace has a bot token (OAuth mode): nothing can send it."""

BODIES: dict[str, Callable[[dict[str, Any]], Body]] = {
    STALL_SUMMARY: summary_from_data,
    "score_invitation": lambda data: ScoreInvitation(**data),
}


def rendered(step: OutboxStep) -> dict[str, Any]:
    """blocks and text: stored as they are, or rendered now from the stored body's data."""
    payload = outbox.loads(step)
    if "body" in payload:
        payload = _in_language(payload, lambda: message_payload(BODIES[payload["body"]](payload["data"])))
    return {"blocks": payload["blocks"], "text": payload["text"]}


def _in_language(payload: dict[str, Any], make: Callable[[], Any]) -> Any:
    """What `make` returns in the language the step was enqueued in; the sender's own where it did not say."""
    if "language" not in payload:
        return make()
    with speaking(payload["language"]):
        return make()


def send_step(client: WebClient, step: OutboxStep, parent: OutboxStep | None) -> Posted:
    """Sends the step; returns where the message it posted is (nothing for a chart)."""
    if step.kind in ("message", "dm"):
        posted = client.chat_postMessage(channel=step.channel, **rendered(step))
        return Posted(str(posted.get("channel") or step.channel), str(posted["ts"]))
    assert parent is not None and parent.result_ts is not None
    if step.kind == "update":
        channel = parent.posted_channel or parent.channel
        client.chat_update(channel=channel, ts=parent.result_ts, **rendered(parent))
        return Posted(channel, parent.result_ts)
    if step.kind == "chart":
        stored = outbox.loads(step)
        chart = _in_language(stored, lambda: render(decode(stored)))
        upload = {"content": chart.png, "filename": chart.filename, "title": chart.title}
        upload["alt_txt"] = chart.alt_text[:1000]
        client.files_upload_v2(channel=step.channel, thread_ts=parent.result_ts, file_uploads=[upload])
        return Posted()
    raise ValueError(f"unknown outbox step kind {step.kind!r}")


def failure_of(error: Exception) -> Failure:
    """Slack's error code (or the HTTP status), with Retry-After when Slack sent one."""
    if isinstance(error, SlackApiError):
        response = error.response
        status = response.status_code
        code = response.get("error") if isinstance(response.data, dict) else None
        retry_after = None
        headers = {key.lower(): value for key, value in (response.headers or {}).items()}
        if status == 429:
            value = headers.get("retry-after")
            value = value[0] if isinstance(value, list) else value
            retry_after = float(value) if value and str(value).replace(".", "", 1).isdigit() else 30.0
        return Failure(str(code) if code else f"http_{status}", retry_after, status)
    if isinstance(error, NotInstalled):
        return Failure("not_installed", None, 403)
    return Failure(f"connection: {type(error).__name__}")
