"""`app_home_opened` → publish the user's Home tab."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.database_trouble import DATABASE_UNAVAILABLE, database_unavailable
from bot.services import Services
from bot.views.home import build_home_view
from bot.views.notice_home import build_notice_home_view
from commands.home import home_overview
from domain.language import tr


def acknowledge(ack: Ack) -> None:
    ack()


def publish_home(event: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    if event.get("tab", "home") != "home":
        return
    services: Services = context["services"]
    try:
        invocation = services.invocation(team_id=context.team_id or "", user_id=event["user"])
        client.views_publish(user_id=event["user"], view=build_home_view(home_overview(invocation)))
    except Exception as error:
        logger.exception("could not publish App Home for %s", event.get("user"))
        if database_unavailable(error):
            client.views_publish(user_id=event["user"], view=build_notice_home_view(tr(DATABASE_UNAVAILABLE)))
