"""Scheduled jobs. Each takes the services, a Web API client (None offline) and `now`, and reports what it did.

`partnerbot run-job NAME` and the scheduler call the same function, so they follow the same rules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient

from bot.jobs.score_reminders import send_score_reminders
from bot.services import Services

Job = Callable[[Services, WebClient | None, datetime], str]

JOBS: dict[str, Job] = {"score-reminders": send_score_reminders}


def run_job(name: str, services: Services, client: WebClient | None) -> str:
    return JOBS[name](services, client, services.clock())
