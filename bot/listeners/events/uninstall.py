"""`app_uninstalled` and `tokens_revoked`: the workspace's jobs stop; its data stays until `partnerbot purge`.

The state is written before the ack, so a database failure answers 500 and Slack retries the event.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.services import Services
from commands.installs import record_uninstall

logger = logging.getLogger("partnerbot.installs")


def _record(context: BoltContext, body: dict[str, Any], reason: str) -> None:
    services: Services = context["services"]
    team_id = context.team_id or body.get("team_id")
    if not team_id:
        logger.warning("%s without a team id; ignored", reason)
        return
    record_uninstall(services.unit_of_work, team_id=team_id, reason=reason, now=services.clock())
    logger.info("workspace %s: %s; its jobs stop, its data stays until `partnerbot purge`", team_id, reason)


def app_uninstalled(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    _record(context, body, "app_uninstalled")
    ack()


def tokens_revoked(ack: Ack, event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    """Only the bot token matters: users' tokens revoked (the app asks for none) leave the bot working."""
    if event.get("tokens", {}).get("bot"):
        _record(context, body, "tokens_revoked")
    ack()
