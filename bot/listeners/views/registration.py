"""The registration modal's submission: validate and store inside the ack (so errors show inline),
then confirm to the user from a lazy listener."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.delivery import deliver
from bot.services import Services
from bot.views.registration import read_metadata, read_submission
from commands.registry import submit_registration
from commands.replies import FormRejected

REGISTERED = "registration_reply"


def submit_registration_form(ack: Ack, body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    services: Services = context["services"]
    invocation = services.invocation(team_id=context.team_id or body["team"]["id"], user_id=body["user"]["id"])
    try:
        reply = submit_registration(read_submission(body["view"]), invocation)
    except FormRejected as rejected:
        ack(response_action="errors", errors=rejected.errors)
        return
    except Exception:
        logger.exception("registration form failed")
        ack(response_action="errors", errors={"name": "Sorry, that could not be saved. Please try again."})
        return
    context[REGISTERED] = reply
    ack()


def confirm_registration(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    reply = context.get(REGISTERED)
    if reply is None:
        return
    metadata = read_metadata(body["view"])
    try:
        deliver(reply, client=client, user_id=body["user"]["id"], response_url=metadata.get("response_url"))
    except Exception:
        logger.exception("could not confirm a registration")
