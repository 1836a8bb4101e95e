"""Typed commands, built from tokens. Syntax only: names and stages are checked when a command runs."""

from __future__ import annotations

from dataclasses import dataclass

from commands.tokens import ParseError, Token


@dataclass(frozen=True)
class Help:
    topic: str | None = None


@dataclass(frozen=True)
class Add:
    name: str | None
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Advance:
    name: str
    stage: str | None = None
    note: str | None = None
    stage_or_note: bool = False  # a lone quoted phrase (`advance Acme "call done"`): the note unless it is a stage


@dataclass(frozen=True)
class Show:
    name: str


@dataclass(frozen=True)
class ListPartners:
    stage: str | None = None


@dataclass(frozen=True)
class Stages:
    pass


@dataclass(frozen=True)
class Archive:
    name: str


@dataclass(frozen=True)
class Restore:
    name: str


Command = Help | Add | Advance | Show | ListPartners | Stages | Archive | Restore


def _words(tokens: list[Token]) -> list[Token]:
    return [token for token in tokens if token.kind != "pair"]


def _pairs(tokens: list[Token], verb: str) -> tuple[tuple[str, str], ...]:
    pairs: dict[str, str] = {}
    for token in tokens:
        if token.kind != "pair":
            continue
        if token.key in pairs:
            raise ParseError(f"'{token.key}=' is given twice; give each field once.")
        pairs[token.key] = token.entity_id or token.text.removeprefix("@")
    return tuple(pairs.items())


def _no_pairs(tokens: list[Token], usage: str) -> None:
    for token in tokens:
        if token.kind == "pair":
            raise ParseError(f"'{token.key}={token.text}' is not understood here. Usage: {usage}")


def _joined(words: list[Token]) -> str:
    return " ".join(word.text for word in words).strip()


def _required_name(tokens: list[Token], usage: str) -> str:
    _no_pairs(tokens, usage)
    name = _joined(_words(tokens))
    if not name:
        raise ParseError(f"Which partner? Usage: {usage}")
    return name


def parse_help(tokens: list[Token]) -> Help:
    return Help(_joined(tokens) or None)


def parse_add(tokens: list[Token]) -> Add:
    name = _joined(_words(tokens)) or None
    fields = _pairs(tokens, "add")
    if name is None and fields:
        raise ParseError(
            'A partner needs a name before its fields, e.g. `/partner add "Globex Corporation" type=reseller`.'
        )
    return Add(name, fields)


def parse_advance(tokens: list[Token]) -> Advance:
    usage = '`/partner advance NAME [STAGE] ["note"]`'
    _no_pairs(tokens, usage)
    if not tokens:
        raise ParseError(f"Which partner? Usage: {usage}")
    name, *rest = tokens
    stage = rest[0].text if rest else None
    note = _joined(rest[1:]) or None
    return Advance(name.text, stage, note, stage_or_note=len(rest) == 1 and rest[0].quoted)


def parse_show(tokens: list[Token]) -> Show:
    return Show(_required_name(tokens, "`/partner show NAME`"))


def parse_list(tokens: list[Token]) -> ListPartners:
    _no_pairs(tokens, "`/partner list [STAGE]`")
    return ListPartners(_joined(tokens) or None)


def parse_stages(tokens: list[Token]) -> Stages:
    if tokens:
        raise ParseError("`/partner stages` takes no arguments.")
    return Stages()


def parse_archive(tokens: list[Token]) -> Archive:
    return Archive(_required_name(tokens, "`/partner archive NAME`"))


def parse_restore(tokens: list[Token]) -> Restore:
    return Restore(_required_name(tokens, "`/partner restore NAME`"))
