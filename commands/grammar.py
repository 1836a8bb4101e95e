"""What every verb's grammar shares: the plain words, the key=value pairs, a required partner name.

A grammar is syntax only: names and stages are checked when the command runs.
"""

from __future__ import annotations

from commands.tokens import ParseError, Token
from domain.language import tr


def word_tokens(tokens: list[Token]) -> list[Token]:
    return [token for token in tokens if token.kind != "pair"]


def pair_fields(tokens: list[Token], verb: str) -> tuple[tuple[str, str], ...]:
    pairs: dict[str, str] = {}
    for token in tokens:
        if token.kind != "pair":
            continue
        if token.key in pairs:
            raise ParseError(tr("'{key}=' is given twice; give each field once.", key=token.key))
        pairs[token.key] = token.entity_id or token.text.removeprefix("@")
    return tuple(pairs.items())


def refuse_pairs(tokens: list[Token], usage: str) -> None:
    for token in tokens:
        if token.kind == "pair":
            raise ParseError(
                tr(
                    "'{key}={value}' is not understood here. Usage: {usage}",
                    key=token.key, value=token.text, usage=usage,
                )
            )


def joined(words: list[Token]) -> str:
    return " ".join(word.text for word in words).strip()


def required_name(tokens: list[Token], usage: str) -> str:
    refuse_pairs(tokens, usage)
    name = joined(word_tokens(tokens))
    if not name:
        raise ParseError(tr("Which partner? Usage: {usage}", usage=usage))
    return name
