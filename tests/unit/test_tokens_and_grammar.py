"""The `/partner` text grammar: tokens, typed commands, and that no text at all can crash `handle`."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from commands.context import Invocation
from commands.registry import listing, parse
from commands.replies import Reply
from commands.tokens import ParseError, Token, tokenize
from commands.verbs import VERBS, handle
from storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def texts(line: str) -> list[str]:
    return [token.text for token in tokenize(line)]


@pytest.mark.parametrize(
    "line",
    [
        'add "Globex Corporation"',
        "add “Globex Corporation”",
        "add „Globex Corporation”",
        "add „Globex Corporation“",
        "add «Globex Corporation»",
        "add ”Globex Corporation”",
    ],
)
def test_straight_and_typographic_quotes_keep_a_name_with_spaces_together(line: str) -> None:
    assert tokenize(line) == [Token("add"), Token("Globex Corporation", quoted=True)]


def test_quoted_phrase_may_hold_the_other_kind_of_quote() -> None:
    assert texts("add «Ромашка „Север”»") == ["add", "Ромашка „Север”"]


def test_words_split_on_any_whitespace() -> None:
    assert texts("  advance\tAcme \n support  ") == ["advance", "Acme", "support"]


def test_key_value_pairs_lowercase_their_key_and_keep_their_value() -> None:
    assert tokenize("TYPE=Reseller") == [Token("Reseller", kind="pair", key="type")]


def test_key_value_pair_value_may_be_quoted() -> None:
    assert tokenize('notes="met at SaaStr" segment=“fin tech”') == [
        Token("met at SaaStr", kind="pair", quoted=True, key="notes"),
        Token("fin tech", kind="pair", quoted=True, key="segment"),
    ]


def test_equals_inside_a_quoted_name_is_not_a_pair() -> None:
    assert tokenize('"a=b"') == [Token("a=b", quoted=True)]


def test_slack_user_mention_becomes_a_user_token_with_its_id() -> None:
    assert tokenize("<@U123|bob>") == [Token("bob", kind="user", entity_id="U123")]
    assert tokenize("<@U123>") == [Token("U123", kind="user", entity_id="U123")]


def test_slack_channel_becomes_a_channel_token_with_its_id() -> None:
    assert tokenize("<#C1|partners>") == [Token("partners", kind="channel", entity_id="C1")]


def test_slack_special_mentions_and_links_read_as_their_label() -> None:
    assert texts("<!channel> <!here> <https://acme.example|Acme>") == ["@channel", "@here", "Acme"]


def test_owner_mention_in_a_pair_keeps_the_user_id() -> None:
    assert tokenize("owner=<@U123|bob>") == [Token("bob", kind="pair", key="owner", entity_id="U123")]


def test_html_escapes_from_slack_are_unescaped() -> None:
    assert texts('AT&amp;T "&lt;Acme&gt;" notes=R&amp;D') == ["AT&T", "<Acme>", "R&D"]


@pytest.mark.parametrize("line", ['add "Globex', "add «Globex", "add „Globex", 'add Acme notes="half'])
def test_unclosed_quote_is_a_parse_error_that_says_so(line: str) -> None:
    with pytest.raises(ParseError, match="never closed"):
        tokenize(line)


def test_duplicate_key_is_refused_whatever_its_case() -> None:
    with pytest.raises(ParseError, match="'type=' is given twice"):
        parse.parse_add(tokenize("Acme type=reseller TYPE=agency"))


def test_add_joins_words_into_the_name_and_collects_fields() -> None:
    command = parse.parse_add(tokenize("Globex Corporation type=reseller owner=<@U7|ann> segment=@fintech"))
    assert command == parse.Add("Globex Corporation", (("type", "reseller"), ("owner", "U7"), ("segment", "fintech")))


def test_add_without_a_name_asks_for_the_form_but_fields_without_a_name_are_refused() -> None:
    assert parse.parse_add([]) == parse.Add(None)
    with pytest.raises(ParseError, match="needs a name before its fields"):
        parse.parse_add(tokenize("type=reseller"))


def test_advance_reads_name_then_unquoted_stage_words_then_quoted_note() -> None:
    command = parse.parse_advance(tokenize('"Globex Corporation" end goal "kick-off done"'))
    assert command.name == "Globex Corporation"
    assert command.stage_words == ("end", "goal")
    assert command.quoted == ("kick-off done",)


def test_advance_keeps_a_lone_quoted_phrase_for_the_run_to_read_as_stage_or_note() -> None:
    command = parse.parse_advance(tokenize('Acme "kick-off call done"'))
    assert (command.stage_words, command.quoted) == ((), ("kick-off call done",))
    assert parse.parse_advance(tokenize("Acme support")).quoted == ()


@pytest.mark.parametrize(
    ("verb", "rest", "message"),
    [
        (parse.parse_advance, "", "Which partner?"),
        (parse.parse_advance, "Acme stage=goal", "not understood here"),
        (parse.parse_show, "", "Which partner?"),
        (parse.parse_show, "Acme type=x", "not understood here"),
        (parse.parse_archive, "", "Which partner?"),
        (listing.parse_list, "colour=red", "is not a filter here"),
        (parse.parse_stages, "extra", "takes no arguments"),
    ],
)
def test_malformed_arguments_are_parse_errors_with_usage(
    verb: Callable[[list[Token]], object], rest: str, message: str
) -> None:
    with pytest.raises(ParseError, match=message):
        verb(tokenize(rest))


# --- properties ----------------------------------------------------------------------------------

VERB_SPELLINGS = sorted({spelling for verb in VERBS.values() for spelling in (verb.name, *verb.aliases)})
FRAGMENTS = [
    '"',
    "“",
    "”",
    "„",
    "«",
    "»",
    "=",
    "<",
    ">",
    "<@U1|bob>",
    "<@U1>",
    "<#C1|partners>",
    "<!channel>",
    "<>",
    "<|>",
    "&amp;",
    "&lt;",
    "&#0;",
    "&",
    "type=",
    "TYPE=",
    "owner=",
    'notes="',
    "size=xl",
    "alliance=toast",
    "Acme",
    '"Globex Corporation"',
    "support",
    "поддержка",
    "wsparcie",
    "end-goal",
    "Żabka",
    "Ромашка",
    " ",
    "\n",
    "\t",
    "\x00",
    "x" * 81,
    "ﬃ",
]
words = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
names = st.one_of(
    st.sampled_from(["acme", "GLOBEX corporation", "Żabka"]), st.text(st.characters(exclude_characters='"“”„«»'))
)
lines = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda verb, rest: " ".join([verb, *rest]),
        st.sampled_from(VERB_SPELLINGS),
        st.lists(words, max_size=6),
    ),
    st.lists(words, max_size=8).map("".join),
    st.builds(  # well-formed lines with arbitrary names, so the success paths get exercised too
        lambda verb, name, rest: f'{verb} "{name}" {rest}',
        st.sampled_from(["add", "advance", "show", "archive", "restore", "move", "dodaj"]),
        names,
        st.sampled_from(["", "support", "поддержка", "end-goal", '"call done"', "type=tech", "notes=«x»"]),
    ),
)


@given(lines)
@settings(max_examples=300, deadline=None)
def test_tokenize_returns_tokens_or_raises_parse_error_for_any_text(line: str) -> None:
    try:
        tokens = tokenize(line)
    except ParseError as error:
        assert error.message
    else:
        assert all(isinstance(token, Token) for token in tokens)


@pytest.fixture
def seeded(sqlite_engine: Engine) -> Invocation:
    """One migrated database for all examples of a run: state piling up between examples is part of the test."""
    invocation = Invocation("T1", "U1", NOW, ZoneInfo("Europe/Warsaw"), lambda: UnitOfWork(sqlite_engine))
    for line in ("add Acme", 'add "Globex Corporation" type=reseller', "add Żabka", "archive Żabka"):
        assert handle(line, invocation).body is not None
    return invocation


@given(line=lines)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_handle_always_answers_with_a_reply_for_any_text(seeded: Invocation, line: str) -> None:
    reply = handle(line, seeded)
    assert isinstance(reply, Reply)
    assert reply.body is not None or reply.modal is not None
