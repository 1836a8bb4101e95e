"""Designing the journey as conversations: stages added, renamed, described, ordered, removed, templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine, text

from commands.context import Invocation
from tests.conftest import NOW
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def stored(engine: Engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


def test_a_workspace_designs_its_stages_and_history_keeps_its_keys(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    add_pilot = 'stages add "Pilot" after onboarding days=30 aliases="пилот, pilotaż" description="A first joint deal"'
    converse(
        invocation_for(),
        [
            (add_pilot, "4. Pilot (`pilot`) — 0 partners\nA first joint deal\nstalled after 30 days; also: пилот"),
            ("stalled", "Thresholds: Discovery 14 d · Attraction 21 d · Onboarding 30 d · Pilot 30 d · Support 60 d"),
        ],
    )
    converse(
        invocation_for(),
        """
        add Acme → Added Acme
        advance Acme onboarding → Discovery → Onboarding
        stages rename support "Growth" → Renamed Support to Growth; its key `support` and history stay. … 5. Growth
        stages describe pilot "Two deals closed together" → ✔ Described Pilot. … Two deals closed together
        stages alias pilot "trial, próba" → ✔ Pilot is now also called: пилот, pilotaż, trial, próba.
        stages alias pilot "onboarding" → ⚠ 'onboarding' already names the stage Onboarding (`onboarding`).
        list trial → No pilot partners yet.
        advance Acme пилот → ▶ Acme moved Onboarding → Pilot
        map → Onboarding 0 … Pilot 1 0 0 … Growth 0
        digest now → Funnel: … Pilot 1
        list pilot → Pilot partners (1)
        advance Acme → ▶ Acme moved Pilot → Growth
        advance Acme support → ⚠ Acme is already in Growth; nothing changed.
        stages order discovery attraction onboarding support pilot goal → Reordered … 4. Growth … 5. Pilot
        list growth → Growth partners (1)
        stages remove support → ⚠ 1 partner(s) are in Growth; … `/partner stages remove support move-to=STAGE`.
        stages remove support move-to=pilot → ✔ Removed the stage Growth; 1 partner(s) moved to Pilot.
        show Acme → Stage: Pilot … support → Pilot · by U1 · “stage Growth removed” … Onboarding → Pilot
        stages add "Onboarding" → ⚠ 'Onboarding' already names the stage Onboarding (`onboarding`).
        stages add Scale after nowhere → ⚠ Unknown stage 'nowhere'
        stages order discovery → ⚠ Name every stage once, in the new order (missing attraction, onboarding, pilot, goal)
        stages rename pilot "End goal" → ⚠ 'End goal' already names the stage End goal (`goal`).
        stages frobnicate → ⚠ Unknown stages command 'frobnicate'
        """,
    )
    assert stored(engine, "SELECT key, name FROM journey_stage ORDER BY position") == [
        ("discovery", "Discovery"), ("attraction", "Attraction"), ("onboarding", "Onboarding"), ("pilot", "Pilot"),
        ("goal", "End goal"),
    ]
    assert stored(engine, "SELECT from_stage, to_stage FROM stage_move ORDER BY id")[-1] == ("support", "pilot")


def test_templates_switch_between_the_method_s_four_stages_and_today_s_five(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(
        invocation_for(now=NOW - timedelta(days=20)),
        """
        add Acme → Added Acme
        advance Acme onboarding → Onboarding
        """,
    )
    converse(
        invocation_for(),
        """
        stages template method → ⚠ 1 partner(s) are in Onboarding; move them first
        stages template metod → ⚠ Unknown template 'metod' — try method
        stages template method move-to=support → 1 partner(s) moved to Support. … 3. Support (`support`) — 1 partner
        advance Acme onboarding → ⚠ Unknown stage 'onboarding'
        stages template default → follows the default template. … 3. Onboarding … 4. Support … 5. End goal
        stalled → No stalled partners. ⏎Thresholds: Discovery 14 d · Attraction 21 d · Onboarding 30 d · Support 60 d
        """,
    )
    assert stored(engine, "SELECT count(*) FROM journey_stage") == [(5,)]


def test_another_workspace_keeps_today_s_five_stages(invocation_for: MakeInvocation) -> None:
    converse(invocation_for(), "stages template method → ✔ The journey now follows the method template")
    converse(invocation_for(team_id="T2"), "stages → 3. Onboarding … 5. End goal")
