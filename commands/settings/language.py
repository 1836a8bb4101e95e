"""The language settings: `language` for what channels see, `my-language` for what only a member sees."""

from __future__ import annotations

from commands.settings.key import SettingKey
from commands.tokens import ParseError, Token
from domain.language import N_, tr
from domain.language_choice import language_code

LANGUAGE = "language"
MY_LANGUAGE = "my-language"
INSTALLER_LOCALE = "installer-locale"
"""Not a key anyone sets: the installer's Slack locale, stored at install, the default of `language`."""


def read_language(tokens: list[Token]) -> str:
    word = " ".join(token.text for token in tokens)
    code = language_code(word) if len(tokens) == 1 else None
    if code is None:
        raise ParseError(tr("'{word}' is not a language the bot speaks; use en, ru or pl.", word=word))
    return code


def show_workspace_language(stored: str | None) -> str:
    return stored or tr("default (the installer's Slack language, else en)")


def show_own_language(stored: str | None) -> str:
    return stored or tr("default (your Slack language)")


KEYS: tuple[SettingKey, ...] = (
    SettingKey(
        LANGUAGE,
        N_("The language of what the bot posts in channels: digest, stalled alerts, announced moves."),
        "language=ru",
        read_language,
        show_workspace_language,
        aliases=("язык", "język", "lang"),
    ),
    SettingKey(
        MY_LANGUAGE,
        N_("The language of what only you see: answers, forms, direct messages, App Home."),
        "my-language=pl",
        read_language,
        show_own_language,
        scope="member",
        aliases=("мой-язык", "mój-język", "my-lang"),
    ),
)
