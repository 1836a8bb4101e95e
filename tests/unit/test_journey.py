"""The journey, words, clock and partner-profile rules: pure functions, no database."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.clock import days_between, local_date, require_aware, start_of_local_day
from domain.errors import (
    AlreadyInStage,
    InvalidField,
    InvalidPartnerName,
    NoNextStage,
    PartnerArchived,
    UnknownChoice,
    UnknownStage,
)
from domain.journey import DEFAULT_JOURNEY, Journey, Stage, is_stalled
from domain.partner import (
    MAX_NAME_LENGTH,
    Profile,
    build_profile,
    clean_name,
    clean_value,
    field_name,
    name_key,
    refuse_if_archived,
)
from domain.words import closest, fold

WARSAW = ZoneInfo("Europe/Warsaw")
JOURNEY = DEFAULT_JOURNEY


def warsaw(*args: int) -> datetime:
    return datetime(*args, tzinfo=WARSAW)


# --- stages ------------------------------------------------------------------------------------


def test_default_journey_runs_discovery_to_end_goal_in_order() -> None:
    assert JOURNEY.keys == ["discovery", "attraction", "onboarding", "support", "goal"]
    assert JOURNEY.first.key == "discovery"
    assert JOURNEY.get("goal").name == "End goal"


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("support", "support"),
        ("SUPPORT", "support"),
        ("engagement", "attraction"),
        ("activation", "onboarding"),
        ("end", "goal"),
        ("end-goal", "goal"),
        ("End goal", "goal"),
        ("end_goal", "goal"),
        ("поддержка", "support"),
        ("ПОДДЕРЖКА", "support"),
        ("онбординг", "onboarding"),
        ("wsparcie", "support"),
        ("Wdrożenie", "onboarding"),
        ("wdrozenie", "onboarding"),
        ("ZAANGAŻOWANIE", "attraction"),
        ("cel", "goal"),
    ],
)
def test_stage_resolves_from_key_name_english_russian_and_polish_aliases(word: str, key: str) -> None:
    assert JOURNEY.resolve(word).key == key


def test_unknown_stage_suggests_closest_and_lists_all() -> None:
    with pytest.raises(UnknownStage) as raised:
        JOURNEY.resolve("suport")
    assert raised.value.suggestions[0] == "support"
    assert "Unknown stage 'suport'" in raised.value.message
    assert "did you mean support" in raised.value.message
    assert "Stages: discovery, attraction, onboarding, support, goal" in raised.value.message


def test_unknown_stage_suggests_each_stage_once_even_when_several_aliases_match() -> None:
    with pytest.raises(UnknownStage) as raised:
        JOURNEY.resolve("onbord")
    assert raised.value.suggestions == ("onboarding",)


def test_gibberish_stage_suggests_nothing_but_still_lists_all() -> None:
    with pytest.raises(UnknownStage) as raised:
        JOURNEY.resolve("xq")
    assert raised.value.suggestions == ()
    assert raised.value.message.endswith("Stages: discovery, attraction, onboarding, support, goal")


def test_next_stage_follows_journey_order() -> None:
    assert JOURNEY.next_after(JOURNEY.get("discovery"), "Acme").key == "attraction"
    assert JOURNEY.next_after(JOURNEY.get("support"), "Acme").key == "goal"


def test_last_stage_has_no_next_and_says_so() -> None:
    with pytest.raises(NoNextStage, match=r"Acme is already at the last stage \(End goal\)"):
        JOURNEY.next_after(JOURNEY.get("goal"), "Acme")


def test_moving_a_partner_to_the_stage_it_is_already_in_is_refused() -> None:
    with pytest.raises(AlreadyInStage, match="Acme is already in Onboarding; nothing changed"):
        JOURNEY.move_partner("Acme", JOURNEY.get("onboarding"), JOURNEY.get("onboarding"))


def test_moving_a_partner_without_naming_a_stage_takes_it_to_the_next_one() -> None:
    move = JOURNEY.move_partner("Acme", JOURNEY.get("attraction"), None)
    assert (move.from_stage.key, move.to_stage.key, move.backwards) == ("attraction", "onboarding", False)
    with pytest.raises(NoNextStage):
        JOURNEY.move_partner("Acme", JOURNEY.get("goal"), None)


def test_an_archived_partner_refuses_changes_and_an_active_one_takes_them() -> None:
    with pytest.raises(PartnerArchived, match="Acme is archived; its history is kept"):
        refuse_if_archived("Acme", archived=True)
    refuse_if_archived("Acme", archived=False)


def test_moving_backwards_is_flagged_and_forward_or_skipping_is_not() -> None:
    assert JOURNEY.move(JOURNEY.get("support"), JOURNEY.get("attraction")).backwards
    assert not JOURNEY.move(JOURNEY.get("discovery"), JOURNEY.get("goal")).backwards
    assert not JOURNEY.move(JOURNEY.get("onboarding"), JOURNEY.get("support")).backwards


def test_workspace_journey_with_renamed_stages_resolves_its_own_words() -> None:
    journey = Journey((Stage("lead", "Lead", "", ("prospect",), 7), Stage("live", "Live", "")))
    assert journey.resolve("Prospect").key == "lead"
    with pytest.raises(UnknownStage, match="Stages: lead, live"):
        journey.resolve("support")


def test_partner_is_stalled_one_day_after_threshold_and_never_at_the_end_goal() -> None:
    discovery = JOURNEY.get("discovery")
    assert discovery.stall_threshold_days == 14
    assert not is_stalled(discovery, 14)
    assert is_stalled(discovery, 15)
    assert not is_stalled(JOURNEY.get("goal"), 10_000)  # the end goal has no threshold


# --- words -------------------------------------------------------------------------------------


def test_fold_ignores_case_diacritics_and_separators() -> None:
    assert fold("Wdrożenie") == fold("WDROZENIE") == "wdrozenie"
    assert fold("Łańcuch") == "lancuch"
    assert fold("End_Goal") == fold("end goal") == fold(" end-goal ") == "end-goal"


def test_closest_ranks_best_match_first_and_keeps_original_spelling() -> None:
    assert closest("resellr", ["referral", "reseller", "retail"])[0] == "reseller"
    assert closest("wdroz", ["Wdrożenie", "wsparcie"]) == ["Wdrożenie"]


# --- clock -------------------------------------------------------------------------------------


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        require_aware(datetime(2026, 3, 29, 12))


def test_days_in_stage_count_calendar_days_across_dst_in_warsaw() -> None:
    # Spring forward on 2026-03-29: 23 hours from Saturday 23:30 to Sunday 23:30 are still one day.
    assert days_between(warsaw(2026, 3, 28, 23, 30), warsaw(2026, 3, 29, 23, 30), WARSAW) == 1
    assert days_between(warsaw(2026, 3, 28, 12), warsaw(2026, 4, 4, 12), WARSAW) == 7
    # Fall back on 2026-10-25: the local day lasts 25 hours, so 24h40m can stay within one day.
    start, now = warsaw(2026, 10, 25, 0, 10), warsaw(2026, 10, 25, 23, 50)
    assert (now.astimezone(UTC) - start.astimezone(UTC)).total_seconds() > 24 * 3600  # same-zone '-' is wall time
    assert days_between(start, now, WARSAW) == 0
    assert days_between(warsaw(2026, 10, 24, 23, 59), warsaw(2026, 10, 25, 0, 1), WARSAW) == 1


def test_days_in_stage_use_the_workspace_zone_not_utc() -> None:
    # 22:30 UTC on 31 Oct is already 1 Nov in Warsaw: one calendar day after 31 Oct noon.
    start = datetime(2026, 10, 31, 12, tzinfo=UTC)
    now = datetime(2026, 10, 31, 23, 30, tzinfo=UTC)
    assert days_between(start, now, WARSAW) == 1
    assert days_between(start, now, ZoneInfo("UTC")) == 0
    assert local_date(now, WARSAW) == date(2026, 11, 1)


def test_days_in_stage_never_go_negative_when_clocks_disagree() -> None:
    assert days_between(warsaw(2026, 5, 2), warsaw(2026, 5, 1), WARSAW) == 0


def test_start_of_local_day_is_local_midnight_in_utc_on_both_sides_of_dst() -> None:
    assert start_of_local_day(date(2026, 3, 29), WARSAW) == datetime(2026, 3, 28, 23, tzinfo=UTC)
    assert start_of_local_day(date(2026, 3, 30), WARSAW) == datetime(2026, 3, 29, 22, tzinfo=UTC)
    assert start_of_local_day(date(2026, 10, 26), WARSAW) == datetime(2026, 10, 25, 23, tzinfo=UTC)


# --- partner names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Ромашка", "РОМАШКА"), ("Żabka", "ŻABKA"), ("żabka", "ŻABKA"), ("Straße", "STRASSE"), ("acme", "ACME")],
)
def test_name_key_matches_cyrillic_and_polish_case_insensitively(typed: str, stored: str) -> None:
    assert name_key(typed) == name_key(stored)


def test_name_key_matches_decomposed_and_composed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Żabka Łódź")
    assert decomposed != "Żabka Łódź"
    assert name_key(decomposed) == name_key("ŻABKA ŁÓDŹ")
    assert clean_name(decomposed) == "Żabka Łódź"


def test_name_key_keeps_diacritics_apart() -> None:
    assert name_key("Zabka") != name_key("Żabka")


def test_name_is_trimmed_and_inner_whitespace_collapsed() -> None:
    assert clean_name("  Globex \t Corporation\n") == "Globex Corporation"


def test_name_longer_than_80_characters_is_refused_not_truncated() -> None:
    assert clean_name("Ж" * MAX_NAME_LENGTH) == "Ж" * MAX_NAME_LENGTH
    with pytest.raises(InvalidPartnerName, match="81 characters long; names are limited to 80"):
        clean_name("Ж" * 81)


@pytest.mark.parametrize("raw", ["", "   ", "\n\t"])
def test_empty_name_is_refused_with_an_example(raw: str) -> None:
    with pytest.raises(InvalidPartnerName, match="/partner add Acme"):
        clean_name(raw)


def test_name_with_control_characters_is_refused() -> None:
    with pytest.raises(InvalidPartnerName, match="control characters"):
        clean_name("Acme\x00Corp")


# --- profile fields ----------------------------------------------------------------------------


def test_profile_fields_accept_aliases_for_keys_and_values() -> None:
    profile = build_profile(
        {"Type": "tech", "size": "XL", "specialization": "fintech", "structure": "toast", "note": "met at SaaStr"}
    )
    assert profile == Profile(
        type="technology", size="enterprise", segment="fintech", alliance="chain", notes="met at SaaStr"
    )


@pytest.mark.parametrize(
    ("word", "key"), [("цепочка", "chain"), ("In the moment", "moment"), ("łańcuch", "chain"), ("HYDRA", "hydra")]
)
def test_alliance_structure_resolves_from_name_and_aliases(word: str, key: str) -> None:
    assert clean_value("alliance", word) == key


def test_unknown_type_suggests_closest_and_lists_choices() -> None:
    with pytest.raises(UnknownChoice, match=r"Unknown partner type 'resellr' — did you mean reseller") as raised:
        build_profile({"type": "resellr"})
    assert "Choose one of: referral, reseller, technology" in raised.value.message


def test_unknown_field_suggests_closest() -> None:
    with pytest.raises(UnknownChoice, match="Unknown field 'segmnt' — did you mean segment"):
        field_name("segmnt")


def test_empty_value_clears_a_field() -> None:
    assert clean_value("segment", "   ") is None
    assert build_profile({"type": ""}).type is None


def test_text_fields_over_their_limit_are_refused() -> None:
    assert clean_value("segment", "s" * 80) == "s" * 80
    with pytest.raises(InvalidField, match="81 characters is too long; the limit is 80"):
        clean_value("segment", "s" * 81)
    with pytest.raises(InvalidField, match="limit is 1000"):
        clean_value("notes", "n" * 1001)


def test_notes_keep_their_line_breaks_while_other_fields_are_collapsed() -> None:
    assert clean_value("notes", "  first\nsecond  ") == "first\nsecond"
    assert clean_value("segment", " fin \n tech ") == "fin tech"


def test_text_fields_refuse_control_characters_but_notes_keep_tabs() -> None:
    assert clean_value("notes", "a\tb") == "a\tb"
    for field in ("notes", "segment", "owner"):
        with pytest.raises(InvalidField, match="control characters"):
            clean_value(field, "a\x00b")


def test_a_field_given_twice_through_an_alias_is_refused_not_overwritten() -> None:
    with pytest.raises(InvalidField, match="sets the notes a second time"):
        build_profile({"note": "first", "notes": "second"})


def test_name_whose_case_folded_key_outgrows_the_index_is_refused() -> None:
    with pytest.raises(InvalidPartnerName, match="case-folded"):
        clean_name("ﬃ" * MAX_NAME_LENGTH)  # 80 characters, 240 once folded
