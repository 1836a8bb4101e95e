"""Reading `/partner settings [KEY=VALUE …] | [KEY VALUE…]` and applying it all at once or not at all."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from commands.context import Invocation
from commands.replies import Reply
from commands.replies.settings import SettingLine, SettingsView
from commands.settings.access import may_change
from commands.settings.key import RESET_WORDS, SettingKey
from commands.settings.keys import KEYS
from commands.tokens import ParseError, Token
from domain.language import tr
from domain.words import closest, fold
from storage.settings import member_options, put_member_option, put_workspace_option, workspace_options


@dataclass(frozen=True)
class SettingsCommand:
    changes: tuple[tuple[str, tuple[Token, ...]], ...] = ()
    """(key as typed, value tokens) in the order typed; empty: show the settings."""


def parse_settings(tokens: list[Token]) -> SettingsCommand:
    if not tokens:
        return SettingsCommand()
    if all(token.kind == "pair" for token in tokens):
        return SettingsCommand(tuple((token.key, (Token(token.text),)) for token in tokens))
    first, *rest = tokens
    if first.kind != "word" or first.quoted or not rest:
        raise ParseError(
            tr("Say which setting and its value: `/partner settings KEY=VALUE` or `/partner settings KEY VALUE`.")
        )
    return SettingsCommand(((first.text, tuple(rest)),))


def find_key(word: str, keys: tuple[SettingKey, ...]) -> SettingKey:
    wanted = fold(word)
    for key in keys:
        if wanted in (fold(key.name), *(fold(alias) for alias in key.aliases)):
            return key
    names = [key.name for key in keys]
    suggestions = closest(word, names)
    if suggestions:
        raise ParseError(
            tr(
                "Unknown setting '{word}' — did you mean {suggestions}? Settings: {names}.",
                word=word,
                suggestions=" or ".join(suggestions),
                names=", ".join(names),
            )
        )
    raise ParseError(tr("Unknown setting '{word}'. Settings: {names}.", word=word, names=", ".join(names) or "—"))


def settings(command: SettingsCommand, invocation: Invocation, keys: tuple[SettingKey, ...] = KEYS) -> Reply:
    chosen = [(find_key(word, keys), list(value)) for word, value in command.changes]
    values = {key.name: _read(key, value) for key, value in chosen}
    for key, _ in chosen:
        may_change(key, invocation)
    with invocation.unit_of_work() as uow:
        for key, _ in chosen:
            _store(uow.session, key, values[key.name], invocation)
        workspace = workspace_options(session=uow.session, team_id=invocation.team_id)
        member = member_options(session=uow.session, team_id=invocation.team_id, user_id=invocation.user_id)
        uow.commit()
    lines = tuple(
        SettingLine(
            key.name,
            key.show((member if key.scope == "member" else workspace).get(key.name)),
            key.summary,
            key.scope,
            key.example,
        )
        for key in keys
    )
    return Reply(SettingsView(lines, tuple(key.name for key, _ in chosen)))


def _read(key: SettingKey, value: list[Token]) -> str | None:
    if len(value) == 1 and value[0].kind == "word" and fold(value[0].text) in RESET_WORDS:
        return None
    return key.read(value)


def _store(session: Session, key: SettingKey, value: str | None, invocation: Invocation) -> None:
    if key.scope == "member":
        put_member_option(
            session=session,
            team_id=invocation.team_id,
            user_id=invocation.user_id,
            key=key.name,
            value=value,
            now=invocation.now,
        )
    else:
        put_workspace_option(
            session=session,
            team_id=invocation.team_id,
            key=key.name,
            value=value,
            now=invocation.now,
            user=invocation.user_id,
        )
