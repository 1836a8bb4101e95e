"""`/partner settings`: keys found by name or alias, all-or-nothing changes, member keys kept per member."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from commands.context import Invocation
from commands.replies import Notice
from commands.settings.change import find_key, parse_settings, settings
from commands.settings.key import SettingKey
from commands.tokens import ParseError, Token, tokenize
from commands.verbs import handle
from storage.settings import member_option, workspace_option
from tests.conversation import said

MakeInvocation = Callable[..., Invocation]


def _weekday(tokens: list[Token]) -> str:
    word = tokens[0].text.casefold()
    if word not in ("mon", "fri"):
        raise ParseError(f"'{tokens[0].text}' is not a weekday; use mon or fri.")
    return word


KEYS = (
    SettingKey("week-starts", "The first day of the week.", "week-starts=mon", _weekday, lambda v: v or "mon"),
    SettingKey(
        "my-day", "Your own day.", "my-day=fri", _weekday, lambda v: v or "—", scope="member", aliases=("mój-dzień",)
    ),
)


def run(invocation: Invocation, text: str) -> str:
    return said(settings(parse_settings(tokenize(text)), invocation, KEYS))


def test_settings_lists_each_key_with_its_value_and_how_to_change_it(invocation_for: MakeInvocation) -> None:
    answer = run(invocation_for(), "")
    assert "week-starts: mon" in answer
    assert "my-day (yours): —" in answer
    assert "/partner settings my-day=fri" in answer


def test_a_workspace_key_is_one_value_and_a_member_key_each_members_own(
    invocation_for: MakeInvocation, engine: Engine
) -> None:
    assert "week-starts: fri" in run(invocation_for(), "week-starts=fri my-day=fri")
    assert "my-day (yours): —" in run(invocation_for(user_id="U2"), "")
    assert "my-day (yours): mon" in run(invocation_for(user_id="U2"), "mój-dzień mon")
    with Session(engine) as session:
        assert workspace_option(session=session, team_id="T1", key="week-starts") == "fri"
        assert member_option(session=session, team_id="T1", user_id="U1", key="my-day") == "fri"
        assert member_option(session=session, team_id="T1", user_id="U2", key="my-day") == "mon"
        assert workspace_option(session=session, team_id="T2", key="week-starts") is None


def test_default_puts_a_key_back(invocation_for: MakeInvocation, engine: Engine) -> None:
    run(invocation_for(), "week-starts=fri")
    assert "week-starts: mon" in run(invocation_for(), "week-starts=default")
    with Session(engine) as session:
        assert workspace_option(session=session, team_id="T1", key="week-starts") is None


def test_one_bad_value_changes_nothing_and_says_what_would_be_right(
    invocation_for: MakeInvocation, engine: Engine
) -> None:
    with pytest.raises(ParseError, match="not a weekday; use mon or fri"):
        run(invocation_for(), "week-starts=fri my-day=sun")
    with Session(engine) as session:
        assert workspace_option(session=session, team_id="T1", key="week-starts") is None


def test_an_unknown_key_is_named_with_the_closest_ones() -> None:
    with pytest.raises(ParseError, match="Unknown setting 'week-start' — did you mean week-starts"):
        parse_and_find("week-start=fri")


def parse_and_find(text: str) -> None:
    for word, _ in parse_settings(tokenize(text)).changes:
        find_key(word, KEYS)


def test_the_verb_answers_without_keys_in_plain_words(invocation_for: MakeInvocation) -> None:
    reply = handle("settings", invocation_for())
    assert not isinstance(reply.body, Notice) or reply.body.tone != "error"
    refusal = handle("settings nonsense=1", invocation_for()).body
    assert isinstance(refusal, Notice) and refusal.tone == "error"
    assert refusal.text.startswith("Unknown setting 'nonsense'. Settings: default-role, managers")
