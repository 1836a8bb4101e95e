"""Marks a workspace installed again when a signed request comes from it after an uninstall.

Slack sends no event on reinstall, so any request counts. The check runs off the request path (the
ack must not wait on the database) and at most once a minute per workspace and process.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext

from bot.services import Services
from commands.installs import record_seen

logger = logging.getLogger("partnerbot.installs")
RECHECK_SECONDS = 60.0
UNINSTALL_EVENTS = ("app_uninstalled", "tokens_revoked")
REINSTALL_WATCH_THREAD = "reinstall-watch"


class ReinstallWatch:
    def __init__(self, services: Services, *, recheck_seconds: float = RECHECK_SECONDS) -> None:
        self._services = services
        self._recheck_seconds = recheck_seconds
        self._checked: dict[str, float] = {}
        self._lock = threading.Lock()

    def middleware(self, context: BoltContext, body: dict[str, Any], next: Callable[[], None]) -> None:
        team_id = context.team_id
        if team_id:
            if body.get("event", {}).get("type") in UNINSTALL_EVENTS:
                with self._lock:
                    self._checked.pop(team_id, None)  # the next request from it checks again at once
            elif self._due(team_id):  # at most one check per workspace a minute, so threads stay few
                threading.Thread(target=self._check, args=(team_id,), name=REINSTALL_WATCH_THREAD, daemon=True).start()
        next()

    def _due(self, team_id: str) -> bool:
        now = time.monotonic()
        with self._lock:
            if now < self._checked.get(team_id, 0.0):
                return False
            self._checked[team_id] = now + self._recheck_seconds
            return True

    def _check(self, team_id: str) -> None:
        try:
            if record_seen(self._services.unit_of_work, team_id=team_id, now=self._services.clock()):
                logger.info("workspace %s is back: its jobs run again", team_id)
        except Exception:
            logger.exception("could not check whether workspace %s is installed", team_id)
            with self._lock:
                self._checked.pop(team_id, None)
