"""Alliance types (aliases in three languages, the method's content), the recommendation rules, the grammar."""

from __future__ import annotations

from decimal import Decimal

import pytest

from commands.alliances.parse import parse_alliance, parse_bonus, parse_handover
from commands.spreadsheet.columns import alliances_cell, parse_alliances_cell
from commands.tokens import ParseError, tokenize
from domain.alliance_advice import SIGNALS, Link, Measures, advice_key, advise
from domain.alliances import ALLIANCE_STRUCTURES, AllianceStructure, alliance_type
from domain.errors import UnknownChoice

ALIASES = [
    ("before", "before"), ("до оказания услуги", "before"), ("До", "before"), ("przed usługą", "before"),
    ("after", "after"), ("после", "after"), ("после оказания услуги", "after"), ("po usłudze", "after"),
    ("moment", "moment"), ("в моменте", "moment"), ("W momencie", "moment"), ("real-time", "moment"),
    ("chain", "chain"), ("toast", "chain"), ("тост", "chain"), ("из момента в момент", "chain"),
    ("łańcuch", "chain"), ("lancuch", "chain"), ("z momentu w moment", "chain"), ("tost", "chain"),
    ("hydra", "hydra"), ("virus", "hydra"), ("гидра", "hydra"), ("Вирус", "hydra"), ("wirus", "hydra"),
    ("«тост»", "chain"),
]


@pytest.mark.parametrize(("word", "key"), ALIASES)
def test_each_type_is_understood_in_english_russian_and_polish(word: str, key: str) -> None:
    assert alliance_type(word).key == key


def test_an_unknown_type_names_the_word_and_the_types() -> None:
    with pytest.raises(UnknownChoice) as error:
        alliance_type("chian")
    assert "chian" in error.value.message and "chain" in error.value.message


@pytest.mark.parametrize("structure", ALLIANCE_STRUCTURES, ids=lambda s: s.key)
def test_each_type_has_five_strengths_and_five_measurable_weaknesses(structure: AllianceStructure) -> None:
    assert len(structure.strengths) == 5 and len(structure.weaknesses) == 5
    assert all(weakness.signal in SIGNALS for weakness in structure.weaknesses)
    assert structure.how_it_works and structure.example and structure.client_flow and structure.bonus_flow


def test_only_the_chain_keeps_its_members_in_order() -> None:
    assert [s.key for s in ALLIANCE_STRUCTURES if s.ordered] == ["chain"]


def test_before_alliance_below_the_team_median_conversion_is_told_to_qualify_leads_with_the_numbers() -> None:
    advice = advise(alliance_type("before"), Measures(conversion=Decimal("0.04"), team_conversion=Decimal("0.11")))
    assert [a.text() for a in advice] == [
        "low lead quality: agree qualification criteria before hand-over (conversion 4% vs team median 11%)"
    ]


def test_conversion_at_or_above_the_median_and_missing_data_give_no_advice() -> None:
    before = alliance_type("before")
    assert advise(before, Measures(conversion=Decimal("0.2"), team_conversion=Decimal("0.11"))) == ()
    assert advise(before, Measures()) == ()
    assert advise(before, Measures(team_conversion=Decimal("0.11"))) == ()


def test_a_chain_names_the_link_where_clients_stall() -> None:
    links = (Link("Acme", "Globex", 8), Link("Globex", "Initech", 2), Link("Initech", "Hooli", 2))
    advice = advise(alliance_type("chain"), Measures(links=links, members=4))
    assert [a.signal for a in advice] == ["stall"]
    assert "Globex → Initech: 2 of 8 passed on (25%)" in advice[0].evidence


def test_a_link_with_too_few_clients_is_not_judged() -> None:
    links = (Link("Acme", "Globex", 2), Link("Globex", "Initech", 0))
    assert advise(alliance_type("chain"), Measures(links=links, members=3)) == ()


def test_a_moment_alliance_whose_hand_overs_wait_over_a_day_gets_the_delay() -> None:
    advice = advise(alliance_type("moment"), Measures(median_wait_hours=Decimal(30)))
    assert advice[0].text() == (
        "technology demands: automate the hand-over so clients do not wait (hand-overs wait 30 h (median), over 24 h)"
    )
    assert advise(alliance_type("moment"), Measures(median_wait_hours=Decimal(5))) == ()


def test_signals_shared_by_a_type_fire_together_and_the_key_ignores_the_numbers() -> None:
    measures = Measures(
        csat=Decimal("3.1"), team_csat=Decimal("4.2"), revenue=Decimal(1000), bonuses=Decimal(1500), cost=Decimal(0),
        revenue_by_member=(("Acme", Decimal(900)), ("Globex", Decimal(100))), members=2,
    )
    advice = advise(alliance_type("before"), measures)
    assert [a.signal for a in advice] == ["csat", "concentration", "bonus_roi"]
    assert "Acme brings 90% of the revenue" in advice[1].evidence
    assert advice_key(advice) == "bonus_roi,concentration,csat"


HANDOVERS = [
    'Acme → Globex client="Foo"', "Acme -> Globex client=Foo", "Acme to Globex client=Foo", "Acme→Globex client=Foo",
    '"Acme Corp" -> us client=Foo',
]


@pytest.mark.parametrize("text", HANDOVERS)
def test_handover_accepts_arrows_and_to(text: str) -> None:
    command = parse_handover(tokenize(text))
    assert command.source in ("Acme", "Acme Corp") and command.target in ("Globex", "us")
    assert dict(command.fields)["client"] == "Foo"


def test_handover_without_an_arrow_says_how() -> None:
    with pytest.raises(ParseError, match="→"):
        parse_handover(tokenize("Acme Globex client=Foo"))


def test_bonus_reads_partner_amount_and_reason() -> None:
    command = parse_bonus(tokenize('"Acme Corp" 1.2k "Q3 referrals" on=2026-11-02'))
    assert (command.partner, command.amount, command.reason, command.fields) == (
        "Acme Corp", "1.2k", "Q3 referrals", (("on", "2026-11-02"),)
    )


def test_alliance_grammar() -> None:
    new = parse_alliance(tokenize('new "Logistics chain" type=toast members="Acme, Globex; Initech"'))
    assert (new.action, new.name, new.type_word, new.partners) == (
        "new", "Logistics chain", "toast", ("Acme", "Globex", "Initech")
    )
    added = parse_alliance(tokenize('dodaj "Logistics chain" Hooli "Łódź Digital"'))
    assert added.partners == ("Hooli", "Łódź Digital")
    assert parse_alliance(tokenize("тип гидра")).type_word == "гидра"
    assert parse_alliance(tokenize("")).action == "list"
    assert parse_alliance(tokenize("матрица")).action == "matrix"
    assert parse_alliance(tokenize('"Logistics chain"')).action == "either"
    with pytest.raises(ParseError, match="type"):
        parse_alliance(tokenize('new "Logistics chain"'))


def test_alliances_cell_round_trips() -> None:
    cell = alliances_cell([("Logistics chain", "chain", 2), ("Ромашка (before)", "before", 1)])
    assert cell == "Logistics chain [chain #2] | Ромашка (before) [before #1]"
    assert parse_alliances_cell(cell) == (("Logistics chain", "chain", 2), ("Ромашка (before)", "before", 1))
    assert parse_alliances_cell("Retail [гидра]") == (("Retail", "hydra", None),)
