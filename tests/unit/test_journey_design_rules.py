"""The rules of designing a journey, checklists, targets and breakdowns: pure functions, no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.checklists import UnknownStep, find_step
from domain.journey import DEFAULT_JOURNEY, METHOD_JOURNEY, Journey
from domain.stages import JourneyChangeRefused, add_stage, remove_stage, rename_stage, reorder, stage_key
from domain.targets import progress


def test_a_new_stage_gets_a_key_from_its_letters_and_goes_after_the_stage_named() -> None:
    journey = add_stage(DEFAULT_JOURNEY, "Pilot (phase 2)", after=DEFAULT_JOURNEY.resolve("onboarding"), days=30)
    assert journey.keys == ["discovery", "attraction", "onboarding", "pilot-phase-2", "support", "goal"]
    assert journey.resolve("PILOT (PHASE 2)").stall_threshold_days == 30
    assert stage_key("Этап №3") == "этап-3"


def test_renaming_keeps_the_key_and_the_old_name_as_an_alias() -> None:
    support = DEFAULT_JOURNEY.resolve("support")
    journey = rename_stage(DEFAULT_JOURNEY, support, "Growth")
    assert journey.resolve("support").name == "Growth" and journey.resolve("Support").key == "support"


def test_a_stage_with_partners_is_removed_only_when_they_are_moved_and_one_stage_always_stays() -> None:
    attraction = DEFAULT_JOURNEY.resolve("attraction")
    with pytest.raises(JourneyChangeRefused, match="move-to=STAGE"):
        remove_stage(DEFAULT_JOURNEY, attraction, 3, None)
    assert "attraction" not in remove_stage(DEFAULT_JOURNEY, attraction, 3, DEFAULT_JOURNEY.first).keys
    with pytest.raises(JourneyChangeRefused, match="at least one stage"):
        remove_stage(Journey((DEFAULT_JOURNEY.first,)), DEFAULT_JOURNEY.first, 0, None)


def test_an_order_must_name_every_stage_once() -> None:
    stages = list(reversed(METHOD_JOURNEY.stages))
    assert reorder(METHOD_JOURNEY, stages).keys == ["goal", "support", "attraction", "discovery"]
    with pytest.raises(JourneyChangeRefused, match="missing goal"):
        reorder(METHOD_JOURNEY, stages[1:])


def test_the_method_template_has_the_four_stages_of_the_method() -> None:
    assert METHOD_JOURNEY.keys == ["discovery", "attraction", "support", "goal"]


def test_a_checklist_step_is_found_by_number_words_or_a_near_spelling_and_ambiguity_is_refused() -> None:
    steps = ["Sales training done", "First deal registered", "Demo environment ready"]
    assert [find_step(steps, word, "Onboarding") for word in ("2", "first deal", "Sales trainig done")] == [1, 1, 0]
    with pytest.raises(UnknownStep, match="matches several steps"):
        find_step(steps, "d", "Onboarding")


def test_a_target_is_on_track_when_the_actual_keeps_pace_with_the_days_gone_by() -> None:
    halfway = date(2026, 11, 15)  # 15 of November's 30 days
    assert progress("leads", "month", Decimal(30), Decimal(15), halfway).on_track
    assert not progress("leads", "month", Decimal(30), Decimal(14), halfway).on_track
    quarter = progress("revenue", "quarter", Decimal(920), Decimal(0), date(2026, 10, 1))
    assert (quarter.period, quarter.expected_so_far) == ("Q4 2026", Decimal("10.00"))
