"""`/partner settings allow-shared #channel…`: the channels shared with another organisation (Slack Connect)
where the bot may still post partner data. The value is the whole list, so `allow-shared none` (or
`allow-shared default`) takes every permission back and `allow-shared #a` leaves only #a allowed."""

from __future__ import annotations

from commands.settings.key import SettingKey
from commands.tokens import ParseError, Token
from domain.channel_safety import CHANNEL_ID, allowed_channels, stored_channels
from domain.language import N_, tr

ALLOW_SHARED = "allow-shared"
NONE_WORDS = frozenset({"none", "nothing", "off", "нет", "brak"})


def read_channels(tokens: list[Token]) -> str:
    if len(tokens) == 1 and tokens[0].kind in ("word", "pair") and tokens[0].text.casefold() in NONE_WORDS:
        return ""
    channels: dict[str, str] = {}
    for token in tokens:
        if token.kind == "channel" and token.entity_id:
            channels[token.entity_id] = token.text.removeprefix("#") or token.entity_id
        elif CHANNEL_ID.fullmatch(token.text.upper()):
            channels[token.text.upper()] = token.text.upper()
        else:
            raise ParseError(
                tr(
                    "'{word}' is not a channel: mention it with #, e.g. `/partner settings allow-shared #partners-acme`"
                    " (or `allow-shared none`).",
                    word=token.text,
                )
            )
    return stored_channels(channels)


def show_channels(stored: str | None) -> str:
    channels = allowed_channels(stored)
    if not channels:
        return tr("none")
    return ", ".join(f"#{name}" for name in channels.values())


KEYS: tuple[SettingKey, ...] = (
    SettingKey(
        ALLOW_SHARED,
        N_(
            "Channels shared with another organisation (Slack Connect) where the bot may still post partner data;"
            " in other shared channels it posts nothing and answers commands privately."
        ),
        "allow-shared #partners-acme",
        read_channels,
        show_channels,
        aliases=("shared-channels",),
    ),
)
