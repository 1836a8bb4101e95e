"""The language settings in storage (SQLite, and PostgreSQL when configured): who speaks what, and the default
of a workspace nobody configured, the installer's locale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import Engine
from sqlmodel import Session

from commands.context import Invocation
from commands.language import record_installer_locale
from commands.people import EveryoneIsAPerson
from commands.verbs import handle
from domain.language import current_language
from storage.settings import member_option, workspace_option
from storage.unit_of_work import UnitOfWork
from tests.conftest import NOW
from tests.conversation import said

MakeInvocation = Callable[..., Invocation]


def test_language_keys_are_stored_per_workspace_and_per_member(invocation_for: MakeInvocation, engine: Engine) -> None:
    said(handle("settings language=русский my-language=Polski", invocation_for()))
    said(handle("настройки мой-язык en", invocation_for(user_id="U2")))
    with Session(engine) as session:
        assert workspace_option(session=session, team_id="T1", key="language") == "ru"
        assert member_option(session=session, team_id="T1", user_id="U1", key="my-language") == "pl"
        assert member_option(session=session, team_id="T1", user_id="U2", key="my-language") == "en"
        assert workspace_option(session=session, team_id="T2", key="language") is None


def test_a_refused_language_changes_no_key(invocation_for: MakeInvocation, engine: Engine) -> None:
    answer = said(handle("settings my-language=pl language=klingon", invocation_for()))
    assert "'klingon' is not a language the bot speaks; use en, ru or pl." in answer
    with Session(engine) as session:
        assert member_option(session=session, team_id="T1", user_id="U1", key="my-language") is None


def test_a_workspace_nobody_configured_speaks_its_installers_locale(
    invocation_for: MakeInvocation, engine: Engine
) -> None:
    record_installer_locale(lambda: UnitOfWork(engine), team_id="T1", user_id="U9", locale="pl-PL", now=NOW)
    assert "Odkrycie" in said(handle("stages", invocation_for()))
    assert current_language() == "pl"
    reader = replace(invocation_for(), people=EveryoneIsAPerson("ru-RU"))
    assert "Обнаружение" in said(handle("stages", reader)), "the reader's own locale still wins"
    said(handle("settings language=en", invocation_for()))
    assert "Discovery" in said(handle("stages", invocation_for()))
