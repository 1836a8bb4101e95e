"""Scorecard validation: every problem in a file is named, with the number of the criterion it is in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commands.scoring.scorecards import read_scorecard_file
from domain.errors import PartnerbotError
from domain.scorecard import DEFAULT_SCORECARD, InvalidScorecard, load_scorecard


def criterion(key: str, weight: float = 1, title: str | None = None, **extra: Any) -> dict[str, Any]:
    title = key.capitalize() if title is None else title
    return {"key": key, "title": title, "help": "1 = bad · 5 = good", "weight": weight, **extra}


def refusal(data: Any) -> str:
    with pytest.raises(InvalidScorecard) as raised:
        load_scorecard(data)
    return raised.value.message


def yaml_criteria(count: int) -> str:
    return "criteria:\n" + "".join(
        f"  - key: c{n}\n    title: Criterion {n}\n    help: '1 = weak · 5 = strong'\n    weight: {1 + n % 3}\n"
        for n in range(1, count + 1)
    )


def test_default_scorecard_has_the_15_criteria_of_the_architecture_with_unique_keys() -> None:
    assert len(DEFAULT_SCORECARD.criteria) == 15
    assert DEFAULT_SCORECARD.version == 0
    assert DEFAULT_SCORECARD.keys[:3] == ("market", "technology", "strategy")
    assert len(set(DEFAULT_SCORECARD.keys)) == 15
    assert DEFAULT_SCORECARD.total_weight == 28
    assert DEFAULT_SCORECARD.criterion("culture") is not None and DEFAULT_SCORECARD.criterion("colour") is None


def test_a_valid_scorecard_loads_with_the_version_it_is_given() -> None:
    card = load_scorecard({"criteria": [criterion("market", 3), criterion("tech", 2), criterion("team")]}, version=4)
    assert (card.keys, card.version, card.total_weight) == (("market", "tech", "team"), 4, 6)


def test_a_30_criterion_scorecard_is_valid() -> None:
    card = load_scorecard({"criteria": [criterion(f"c{n}") for n in range(1, 31)]})
    assert len(card.criteria) == 30


def test_an_unknown_key_in_a_criterion_is_named_with_the_criterion_number() -> None:
    data = {"criteria": [criterion("a"), criterion("b", colour="red"), criterion("c")]}
    assert refusal(data) == (
        "The scorecard was refused:\n• criterion 2.colour: unknown key (allowed: key, title, help, weight)"
    )


def test_an_unknown_top_level_key_is_named() -> None:
    data = {"criteria": [criterion("a"), criterion("b"), criterion("c")], "owner": "me"}
    assert "• owner: unknown key" in refusal(data)


@pytest.mark.parametrize("weight", [0, -2])
def test_a_zero_or_negative_weight_is_refused_with_the_criterion_number(weight: int) -> None:
    data = {"criteria": [criterion("a"), criterion("b"), criterion("c", weight)]}
    assert refusal(data) == "The scorecard was refused:\n• criterion 3.weight: Input should be greater than 0"


def test_duplicate_keys_are_refused_naming_both_criteria() -> None:
    data = {"criteria": [criterion("market"), criterion("tech"), criterion("market", title="Market size")]}
    assert "• criterion 3: duplicate key 'market' (as criterion 1)" in refusal(data)


def test_duplicate_titles_are_refused_ignoring_case() -> None:
    data = {"criteria": [criterion("a", title="Cultural fit"), criterion("b"), criterion("c", title="CULTURAL FIT")]}
    assert "• criterion 3: duplicate title 'CULTURAL FIT' (as criterion 1)" in refusal(data)


def test_every_duplicate_is_listed_not_only_the_first() -> None:
    data = {"criteria": [criterion("a", title="X"), criterion("a", title="Y"), criterion("b", title="x")]}
    message = refusal(data)
    assert "criterion 2: duplicate key 'a' (as criterion 1)" in message
    assert "criterion 3: duplicate title 'x' (as criterion 1)" in message


@pytest.mark.parametrize("count", [0, 1, 2])
def test_fewer_than_three_criteria_are_refused_saying_how_many_there_are(count: int) -> None:
    data = {"criteria": [criterion(f"c{n}") for n in range(count)]}
    assert f"a scorecard needs at least 3 criteria; this one has {count}" in refusal(data)


def test_all_problems_are_listed_in_one_message_each_with_its_criterion() -> None:
    data = {"criteria": [criterion("a", colour="red"), criterion("B"), criterion("c", 0), criterion("d", title="")]}
    lines = refusal(data).splitlines()[1:]
    assert [line.split(":")[0] for line in lines] == [
        "• criterion 1.colour",
        "• criterion 2.key",
        "• criterion 3.weight",
        "• criterion 4.title",
    ]


def test_duplicates_are_listed_alongside_the_other_problems() -> None:
    message = refusal({"criteria": [criterion("a", 0), criterion("b"), criterion("a", title="Other")]})
    assert "criterion 1.weight: Input should be greater than 0" in message
    assert "criterion 3: duplicate key 'a' (as criterion 1)" in message


def test_three_criteria_with_one_invalid_do_not_claim_there_are_too_few() -> None:
    message = refusal({"criteria": [criterion("a"), criterion("b"), criterion("c", 0)]})
    assert "at least 3" not in message


@pytest.mark.parametrize("data", [None, [criterion("a")], "criteria: []", 42])
def test_anything_but_a_mapping_is_refused_with_what_a_scorecard_file_holds(data: Any) -> None:
    assert refusal(data) == "A scorecard file holds `criteria:`, a list of {key, title, help, weight}."


def test_a_mapping_without_criteria_says_they_are_required() -> None:
    assert "criteria: Field required" in refusal({"critera": []})


# --- YAML files --------------------------------------------------------------------------------


def test_a_valid_yaml_file_reads_into_a_scorecard(tmp_path: Path) -> None:
    path = tmp_path / "scorecard.yml"
    path.write_text(yaml_criteria(30), encoding="utf-8")
    card = read_scorecard_file(path)
    assert len(card.criteria) == 30 and card.criteria[29].title == "Criterion 30"


def test_yaml_with_unicode_titles_reads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "scorecard.yml"
    path.write_text(yaml_criteria(3).replace("Criterion 1", "Зрелость рынка"), encoding="utf-8")
    assert read_scorecard_file(path).criteria[0].title == "Зрелость рынка"


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "scorecard.yml"
    path.write_text("criteria:\n  - key: a\n    title: [unclosed\n    weight: 1\n", encoding="utf-8")
    with pytest.raises(InvalidScorecard, match=r"is not valid YAML at line \d+"):
        read_scorecard_file(path)


def test_a_file_that_is_not_utf8_is_refused_with_how_to_fix_it(tmp_path: Path) -> None:
    path = tmp_path / "scorecard.yml"
    path.write_bytes(yaml_criteria(3).replace("Criterion 1", "Рынок").encode("cp1251"))
    with pytest.raises(PartnerbotError, match="is not UTF-8 text; save it as UTF-8"):
        read_scorecard_file(path)


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(PartnerbotError, match=r"Cannot read .*missing\.yml"):
        read_scorecard_file(tmp_path / "missing.yml")


def test_a_yaml_file_with_invalid_criteria_lists_the_problems(tmp_path: Path) -> None:
    path = tmp_path / "scorecard.yml"
    path.write_text(yaml_criteria(3).replace("weight: 2", "weight: -1"), encoding="utf-8")
    with pytest.raises(InvalidScorecard, match=r"criterion 1\.weight: Input should be greater than 0"):
        read_scorecard_file(path)
