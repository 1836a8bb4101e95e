"""Splitting `/partner` text into tokens: words, "quoted phrases", key=value pairs and Slack entities.

Slack sends the text of a command registered with `should_escape: true` with users and channels as
`<@U123|bob>` / `<#C123|partners>` and a literal `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;`. People
also type typographic quotes (“…”, „…”, «…»), so those delimit phrases too.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

from commands.aliases import english_field
from domain.errors import PartnerbotError
from domain.language import tr

QUOTE_PAIRS = {'"': '"”“', "“": '”"', "„": '”“"', "«": "»", "”": '”"'}
_ENTITY = re.compile(r"<([@#!])([^|>]*)(?:\|([^>]*))?>|<([^>]*)>")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LEADING_GROUP = re.compile(r"\d{1,3}")
_THOUSANDS_GROUPS = re.compile(r"(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?[kKmMкКмМ]?(?=\s|$)")
_KEY_EQUALS = re.compile(r"([^\W\d][\w-]*)=")


class ParseError(PartnerbotError):
    pass


@dataclass(frozen=True)
class Token:
    text: str
    kind: Literal["word", "user", "channel", "pair"] = "word"
    quoted: bool = False
    key: str = ""
    entity_id: str = ""


def _entity(raw: str) -> Token:
    match = _ENTITY.fullmatch(raw)
    if match is None:
        return Token(html.unescape(raw))
    sigil, ident, label, link = match.groups()
    if link is not None:
        return Token(html.unescape(link.split("|")[-1]))
    if sigil == "@":
        return Token(label or ident, kind="user", entity_id=ident)
    if sigil == "#":
        return Token(label or ident, kind="channel", entity_id=ident)
    return Token("@" + (label or ident.split("^")[0]).removeprefix("@"))


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    closers = QUOTE_PAIRS[text[start]]
    end = start + 1
    while end < len(text) and text[end] not in closers:
        end += 1
    if end >= len(text):
        raise ParseError(
            tr("A quote opened with {quote} is never closed; put the closing quote after the name.", quote=text[start])
        )
    return text[start + 1 : end], end + 1


def _read_bare(text: str, start: int) -> tuple[str, int]:
    end = start
    while end < len(text) and not text[end].isspace():
        if text[end] == "<":
            close = text.find(">", end)
            end = len(text) if close < 0 else close + 1
        else:
            end += 1
    return text[start:end], end


def _pair(key: str, text: str, start: int) -> tuple[Token, int]:
    quoted = start < len(text) and text[start] in QUOTE_PAIRS
    value, end = _read_quoted(text, start) if quoted else _read_bare(text, start)
    if not quoted and _LEADING_GROUP.fullmatch(value):
        groups = _THOUSANDS_GROUPS.match(text, end)
        if groups:  # `revenue=5 000` is one amount, not a value and a stray word
            value, end = value + groups.group(0), groups.end()
    entity = _entity(value) if value.startswith("<") and not quoted else Token(html.unescape(value))
    field = english_field(key).casefold()
    return Token(entity.text, kind="pair", quoted=quoted, key=field, entity_id=entity.entity_id), end


def tokenize(text: str) -> list[Token]:
    if _SURROGATE.search(text):
        raise ParseError(tr("The text has characters that are not valid Unicode; please type it again."))
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
        elif char in QUOTE_PAIRS:
            phrase, position = _read_quoted(text, position)
            tokens.append(Token(html.unescape(phrase), quoted=True))
        else:
            pair = _KEY_EQUALS.match(text, position)
            if pair:
                token, position = _pair(pair.group(1), text, pair.end())
                tokens.append(token)
                continue
            raw, position = _read_bare(text, position)
            if raw.startswith("<"):
                tokens.append(_entity(raw))
            else:
                tokens.append(Token(html.unescape(raw)))
    return tokens
