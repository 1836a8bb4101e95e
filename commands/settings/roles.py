"""The roles feature's settings: the role members start with, and which partners managers may change."""

from __future__ import annotations

from commands.settings.key import SettingKey
from commands.tokens import ParseError, Token
from domain.errors import PartnerbotError
from domain.language import N_, tr
from domain.roles import DEFAULT_ROLE, ROLE_WORDS, role_from_word

MANAGER_SCOPES = ("own", "all")


def _one_word(tokens: list[Token], key: str, allowed: tuple[str, ...]) -> str:
    if len(tokens) != 1:
        raise ParseError(tr("Give {key} one of: {allowed}.", key=key, allowed=", ".join(allowed)))
    return tokens[0].text.strip().casefold()


def read_default_role(tokens: list[Token]) -> str:
    word = _one_word(tokens, "default-role", tuple(ROLE_WORDS))
    try:
        return role_from_word(word).word
    except PartnerbotError as error:
        raise ParseError(error.message) from None


def read_managers(tokens: list[Token]) -> str:
    word = _one_word(tokens, "managers", MANAGER_SCOPES)
    if word not in MANAGER_SCOPES:
        raise ParseError(tr("'{word}' is not a choice for managers; use own or all.", word=tokens[0].text))
    return word


def show_managers(stored: str | None) -> str:
    return tr("all partners") if stored == "all" else tr("the partners they own")


KEYS: tuple[SettingKey, ...] = (
    SettingKey(
        "default-role",
        N_("The role of everyone not given another one (admin, manager, lead or viewer)."),
        "default-role=viewer",
        read_default_role,
        lambda stored: stored or DEFAULT_ROLE.word,
        aliases=("rola-domyślna", "роль-по-умолчанию"),
    ),
    SettingKey(
        "managers",
        N_("Which partners managers may change: the ones they own, or all."),
        "managers=all",
        read_managers,
        show_managers,
        aliases=("menedżerowie", "менеджеры"),
    ),
)
