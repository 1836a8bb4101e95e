"""The registry verbs' grammar: add, advance, show, list, stages, archive, restore."""

from __future__ import annotations

from dataclasses import dataclass

from commands.grammar import joined, pair_fields, refuse_pairs, required_name, word_tokens
from commands.tokens import ParseError, Token


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
class Stages:
    pass


@dataclass(frozen=True)
class Archive:
    name: str


@dataclass(frozen=True)
class Restore:
    name: str


def parse_add(tokens: list[Token]) -> Add:
    name = joined(word_tokens(tokens)) or None
    fields = pair_fields(tokens, "add")
    if name is None and fields:
        raise ParseError(
            'A partner needs a name before its fields, e.g. `/partner add "Globex Corporation" type=reseller`.'
        )
    return Add(name, fields)


def parse_advance(tokens: list[Token]) -> Advance:
    usage = '`/partner advance NAME [STAGE] ["note"]`'
    refuse_pairs(tokens, usage)
    if not tokens:
        raise ParseError(f"Which partner? Usage: {usage}")
    name, *rest = tokens
    stage = rest[0].text if rest else None
    note = joined(rest[1:]) or None
    return Advance(name.text, stage, note, stage_or_note=len(rest) == 1 and rest[0].quoted)


def parse_show(tokens: list[Token]) -> Show:
    return Show(required_name(tokens, "`/partner show NAME`"))



def parse_stages(tokens: list[Token]) -> Stages:
    if tokens:
        raise ParseError("`/partner stages` takes no arguments.")
    return Stages()


def parse_archive(tokens: list[Token]) -> Archive:
    return Archive(required_name(tokens, "`/partner archive NAME`"))


def parse_restore(tokens: list[Token]) -> Restore:
    return Restore(required_name(tokens, "`/partner restore NAME`"))
