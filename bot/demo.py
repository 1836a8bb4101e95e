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
DEMO_USERS = ("Anna Nowak", "Piotr Zieliński", "Ольга Смирнова")

ANNA, PIOTR, OLGA = DEMO_USERS

# (days ago, name, type, size, segment, owner, alliance): registered through `/partner add`.
DEMO_PARTNERS: tuple[tuple[int, str, str, str, str, str, str], ...] = (
    (160, "Acme Integrations", "integrator", "medium", "manufacturing", ANNA, "after"),
    (150, "Globex Corporation", "reseller", "enterprise", "fintech", PIOTR, "before"),
    (140, "Ромашка", "agency", "small", "retail", OLGA, "chain"),
    (135, "Żabka Tech", "technology", "large", "retail", PIOTR, "moment"),
    (130, "Łódź Digital", "agency", "small", "e-commerce", ANNA, "after"),
    (120, "Северсталь Софт", "technology", "large", "industry", OLGA, "moment"),
    (100, "Initech", "referral", "small", "saas", ANNA, "before"),
    (90, "Umbrella Consulting", "consultancy", "medium", "healthcare", PIOTR, "hydra"),
    (75, "Hooli Cloud", "technology", "enterprise", "saas", OLGA, "moment"),
    (58, "Kraków Data Labs", "integrator", "medium", "analytics", ANNA, "after"),
    (45, "Вектор Партнёрс", "reseller", "medium", "logistics", OLGA, "chain"),
    (35, "Stark Distribution", "distributor", "enterprise", "hardware", PIOTR, "hydra"),
)

# (days ago, command): the journey each partner has travelled since.
DEMO_MOVES: tuple[tuple[int, str], ...] = (
    (118, 'advance "Acme Integrations" attraction "Joint webinar booked"'),
    (110, 'advance "Globex Corporation"'),
    (95, 'advance "Acme Integrations" onboarding "Contract signed, training planned"'),
    (85, "advance Ромашка engagement"),
    (80, 'advance "Żabka Tech" attraction'),
    (70, 'advance "Globex Corporation" onboarding "First two deals registered"'),
    (60, 'advance "Acme Integrations" support'),
    (55, 'advance "Северсталь Софт" attraction'),
    (50, 'advance Ромашка onboarding "Активация: обучение менеджеров"'),
    (40, 'advance "Żabka Tech" wdrożenie "Szkolenie zespołu sprzedaży"'),
    (38, 'advance "Umbrella Consulting" attraction'),
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


def demo_script() -> list[tuple[int, str]]:
    """Every demo command in the order it happened."""
    adds = [
        (days_ago, f'add "{name}" type={kind} size={size} segment={segment} owner="{owner}" alliance={alliance}')
        for days_ago, name, kind, size, segment, owner, alliance in DEMO_PARTNERS
    ]
    return sorted([*adds, *DEMO_MOVES], key=lambda step: -step[0])


def seed_demo_portfolio(services: Services, *, team_id: str = DEMO_TEAM, now: datetime | None = None) -> bool:
    """Fills `team_id` with the sample portfolio unless it already has partners; True if it did."""
    with services.unit_of_work() as uow:
        if repository.partner_names(session=uow.session, team_id=team_id, include_archived=True):
            return False
    today = now or services.clock()
    for index, (days_ago, command) in enumerate(demo_script()):
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
