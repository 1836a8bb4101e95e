"""A realistic sample portfolio, built through the same commands a partner manager types."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.console import render_reply
from bot.delivery import message_payload
from bot.services import Services
from commands.verbs import handle
from storage import partners as repository

DEMO_TEAM = "demo"
DEMO_USERS = ("U0ANNA", "U0PIOTR", "U0OLGA")

# (days ago, command); run in order, each as if typed on that day.
DEMO_SCRIPT: tuple[tuple[int, str], ...] = (
    (160, 'add "Acme Integrations" type=integrator size=medium segment=manufacturing owner=U0ANNA alliance=after'),
    (150, 'add "Globex Corporation" type=reseller size=enterprise segment=fintech owner=U0PIOTR alliance=before'),
    (140, "add Ромашка type=agency size=small segment=retail owner=U0OLGA alliance=chain"),
    (135, 'add "Żabka Tech" type=technology size=large segment=retail owner=U0PIOTR alliance=moment'),
    (130, 'add "Łódź Digital" type=agency size=small segment=e-commerce owner=U0ANNA alliance=after'),
    (120, 'add "Северсталь Софт" type=technology size=large segment=industry owner=U0OLGA alliance=moment'),
    (118, 'advance "Acme Integrations" attraction "Joint webinar booked"'),
    (110, 'advance "Globex Corporation"'),
    (100, "add Initech type=referral size=small segment=saas owner=U0ANNA alliance=before"),
    (95, 'advance "Acme Integrations" onboarding "Contract signed, training planned"'),
    (90, 'add "Umbrella Consulting" type=consultancy size=medium segment=healthcare owner=U0PIOTR alliance=hydra'),
    (85, "advance Ромашка engagement"),
    (80, 'advance "Żabka Tech" attraction'),
    (75, 'add "Hooli Cloud" type=technology size=enterprise segment=saas owner=U0OLGA alliance=moment'),
    (70, 'advance "Globex Corporation" onboarding "First two deals registered"'),
    (60, 'advance "Acme Integrations" support'),
    (58, 'add "Kraków Data Labs" type=integrator size=medium segment=analytics owner=U0ANNA alliance=after'),
    (55, 'advance "Северсталь Софт" attraction'),
    (50, 'advance Ромашка onboarding "Активация: обучение менеджеров"'),
    (45, 'add "Вектор Партнёрс" type=reseller size=medium segment=logistics owner=U0OLGA alliance=chain'),
    (40, 'advance "Żabka Tech" wdrożenie "Szkolenie zespołu sprzedaży"'),
    (38, 'advance "Umbrella Consulting" attraction'),
    (35, 'add "Stark Distribution" type=distributor size=enterprise segment=hardware owner=U0PIOTR alliance=hydra'),
    (30, 'advance "Globex Corporation" support'),
    (28, 'advance "Hooli Cloud" attraction'),
    (25, 'advance "Kraków Data Labs" attraction'),
    (21, 'advance "Северсталь Софт" onboarding'),
    (20, 'advance "Acme Integrations" goal "Annual target reached"'),
    (14, 'advance "Hooli Cloud" onboarding'),
    (12, 'advance "Umbrella Consulting" discovery "Champion left; starting over"'),
    (9, "advance Ромашка поддержка"),
    (7, 'advance "Вектор Партнёрс" attraction'),
    (3, 'advance "Kraków Data Labs" onboarding'),
)


def seed_demo_portfolio(services: Services, *, team_id: str = DEMO_TEAM, now: datetime | None = None) -> bool:
    """Fills `team_id` with the sample portfolio unless it already has partners; True if it did."""
    with services.unit_of_work() as uow:
        if repository.partner_names(session=uow.session, team_id=team_id, include_archived=True):
            return False
    today = now or services.clock()
    for index, (days_ago, command) in enumerate(DEMO_SCRIPT):
        invocation = services.invocation(team_id=team_id, user_id=DEMO_USERS[index % len(DEMO_USERS)])
        reply = handle(command, replace(invocation, now=today - timedelta(days=days_ago, hours=index % 7)))
        if reply.body is not None and getattr(reply.body, "tone", "") == "error":
            raise RuntimeError(f"demo script failed at {command!r}: {render_reply(reply)}")
    return True


def write_demo_files(services: Services, out: Path, *, team_id: str = DEMO_TEAM) -> list[Path]:
    """The portfolio as a reader would see it: console text and the Block Kit JSON of each view."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, command in (("list", "list"), ("stages", "stages"), ("card", 'show "Acme Integrations"')):
        reply = handle(command, services.invocation(team_id=team_id, user_id="console"))
        assert reply.body is not None
        text_path, json_path = out / f"{name}.txt", out / f"{name}.json"
        text_path.write_text(render_reply(reply) + "\n", encoding="utf-8")
        json_path.write_text(json.dumps(message_payload(reply.body), ensure_ascii=False, indent=2), encoding="utf-8")
        written += [text_path, json_path]
    return written
