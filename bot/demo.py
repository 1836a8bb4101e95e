"""A realistic sample portfolio, built through the same commands a partner manager types."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.console import render_reply
from bot.delivery import message_payload
from bot.demo_alliances import DEMO_ALLIANCE_VIEWS, DEMO_ALLIANCES
from bot.digest_charts import charts_for
from bot.services import Services
from commands.verbs import handle
from domain.scorecard import DEFAULT_SCORECARD
from storage import registry as repository

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


# (days ago, command): what partners told us along the way.
DEMO_FEEDBACK: tuple[tuple[int, str], ...] = (
    (100, 'feedback "Acme Integrations" csat=3 nps=7 pain=onboarding,documentation "Training materials are thin"'),
    (62, 'feedback "Acme Integrations" csat=5 nps=10 "The enablement sessions made the difference"'),
    (65, 'feedback "Globex Corporation" csat=4 nps=8 pain=payouts "Commission statements arrive late"'),
    (25, 'feedback "Globex Corporation" csat=3 nps=6 pain=payouts,communication "Still waiting for Q3 payout"'),
    (48, 'feedback Ромашка csat=4 nps=9 pain=tooling "Не хватает интеграции с CRM"'),
    (8, 'feedback Ромашка csat=5 nps=10 "Обучение прошло отлично"'),
    (38, 'feedback "Żabka Tech" csat=2 nps=5 pain=tooling,lead-quality "Leady są słabo kwalifikowane"'),
    (20, 'feedback "Северсталь Софт" csat=4 nps=8 pain=documentation "Нужна документация по API на русском"'),
    (12, 'feedback "Hooli Cloud" csat=3 nps=7 pain=onboarding,tooling "Sandbox access took two weeks"'),
    (5, 'feedback "Kraków Data Labs" csat=5 nps=9 "Szybki start, dobry kontakt"'),
)

# Partners that report figures, with a monthly scale for their leads and deal size.
KPI_REPORTERS: tuple[tuple[str, int, int], ...] = (
    ("Acme Integrations", 14, 9000),
    ("Globex Corporation", 22, 15000),
    ("Ромашка", 8, 4000),
    ("Żabka Tech", 10, 6000),
    ("Северсталь Софт", 6, 12000),
    ("Hooli Cloud", 5, 20000),
)
KPI_WEEKS = 20


def kpi_script(today: datetime) -> list[tuple[datetime, str]]:
    """Weekly KPI entries over the last KPI_WEEKS weeks, the same every run (a seeded generator)."""
    generator = random.Random(42)
    registered = {name: days_ago for days_ago, name, *_ in DEMO_PARTNERS}
    steps = []
    for weeks_ago in range(KPI_WEEKS, -1, -1):
        days_ago = 7 * weeks_ago + 1
        when = today - timedelta(days=days_ago)
        for name, leads_scale, deal_size in KPI_REPORTERS:
            if days_ago >= registered[name] or generator.random() < 0.2:
                continue
            leads = generator.randint(leads_scale // 4, leads_scale // 2 + 1)
            mql = generator.randint(leads // 2, leads)
            sql = generator.randint(mql // 3, max(mql // 3, mql - 1))
            deals = generator.randint(0, max(1, sql // 2))
            revenue = deals * generator.randint(deal_size // 2, deal_size * 2)
            cost = generator.randint(100, 500)
            steps.append(
                (when, f'kpi "{name}" leads={leads} mql={mql} sql={sql} deals={deals} revenue={revenue} cost={cost}')
            )
    return steps


# Partners the leads scored, with a base answer per rater; the second round, a week later, changes some.
SCORED_PARTNERS: tuple[tuple[str, int], ...] = (
    ("Acme Integrations", 4),
    ("Globex Corporation", 4),
    ("Ромашка", 3),
    ("Żabka Tech", 3),
    ("Северсталь Софт", 4),
    ("Hooli Cloud", 3),
    ("Kraków Data Labs", 3),
)


def _answer(base: int, nudge: int, generator: random.Random) -> int:
    return min(5, max(1, base + nudge + generator.randint(-1, 1)))


def score_script(today: datetime) -> list[tuple[datetime, str, str]]:
    """Two rounds of questionnaires by two leads, ten and three days ago; Globex slips, Ромашка rises."""
    generator = random.Random(7)
    nudges = {"Globex Corporation": -2, "Ромашка": 2}
    steps = []
    for days_ago, round_number in ((10, 0), (3, 1)):
        for name, base in SCORED_PARTNERS:
            for rater in (ANNA, PIOTR):
                nudge = nudges.get(name, 0) * round_number
                answers = " ".join(f"{c.key}={_answer(base, nudge, generator)}" for c in DEFAULT_SCORECARD.criteria)
                steps.append((today - timedelta(days=days_ago), f'score "{name}" {answers}', rater))
    return steps


def demo_script() -> list[tuple[int, str]]:
    """Every demo command in the order it happened."""
    adds = [
        (days_ago, f'add "{name}" type={kind} size={size} segment={segment} owner="{owner}" alliance={alliance}')
        for days_ago, name, kind, size, segment, owner, alliance in DEMO_PARTNERS
    ]
    return sorted([*adds, *DEMO_MOVES, *DEMO_FEEDBACK, *DEMO_ALLIANCES], key=lambda step: -step[0])


def seed_demo_portfolio(services: Services, *, team_id: str = DEMO_TEAM, now: datetime | None = None) -> bool:
    """Fills `team_id` with the sample portfolio unless it already has partners; True if it did."""
    with services.unit_of_work() as uow:
        if repository.partner_names(session=uow.session, team_id=team_id, include_archived=True):
            return False
    today = now or services.clock()
    steps = [
        (today - timedelta(days=days_ago, hours=index % 7), command, DEMO_USERS[index % len(DEMO_USERS)])
        for index, (days_ago, command) in enumerate(demo_script())
    ]
    steps += [(when, command, OLGA) for when, command in kpi_script(today)]
    steps += score_script(today)
    for when, command, user in sorted(steps, key=lambda step: step[0]):
        invocation = services.invocation(team_id=team_id, user_id=user)
        reply = handle(command, replace(invocation, now=when))
        if reply.body is not None and getattr(reply.body, "tone", "") == "error":
            raise RuntimeError(f"demo script failed at {command!r}: {render_reply(reply)}")
    return True


def speak_in_demo(services: Services, language: str, *, team_id: str = DEMO_TEAM) -> None:
    """`partnerbot demo --lang ru`: the sample workspace speaks the language in its channels too."""
    reply = handle(f"settings language={language}", services.invocation(team_id=team_id, user_id=DEMO_USERS[0]))
    if reply.body is not None and getattr(reply.body, "tone", "") == "error":
        raise RuntimeError(f"the demo could not switch to {language!r}: {render_reply(reply)}")


def write_demo_files(services: Services, out: Path, *, team_id: str = DEMO_TEAM) -> list[Path]:
    """The portfolio as a reader would see it: console text and the Block Kit JSON of each view."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    views = (
        ("list", "list"),
        ("stages", "stages"),
        ("card", 'show "Globex Corporation"'),
        ("kpi", 'kpi "Globex Corporation"'),
        ("dashboard", "kpis"),
        ("ranking", "rank"),
        ("why", 'score "Globex Corporation" why'),
        ("digest", "digest now"),
        ("map", "map"),
        ("stalled", "stalled"),
        *DEMO_ALLIANCE_VIEWS,
    )
    for name, command in views:
        reply = handle(command, services.invocation(team_id=team_id, user_id="console"))
        assert reply.body is not None
        text_path, json_path = out / f"{name}.txt", out / f"{name}.json"
        text_path.write_text(render_reply(reply) + "\n", encoding="utf-8")
        json_path.write_text(json.dumps(message_payload(reply.body), ensure_ascii=False, indent=2), encoding="utf-8")
        written += [text_path, json_path]
        for chart in charts_for(reply.body):
            chart_path = out / chart.filename
            chart_path.write_bytes(chart.png)
            written.append(chart_path)
    return written
