"""The registry verbs' grammar: add, advance, show, list, stages, archive, restore."""

from __future__ import annotations

from dataclasses import dataclass

from commands.grammar import joined, pair_fields, refuse_pairs, required_name, word_tokens
from commands.tokens import ParseError, Token
from domain.language import tr


@dataclass(frozen=True)
class Add:
    name: str | None
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Advance:
    name: str
    stage_words: tuple[str, ...] = ()  # unquoted words after the name: they must name a stage
    quoted: tuple[str, ...] = ()  # quoted phrases: the stage when the first names one and no words did, else the note

    @classmethod
    def to(cls, name: str, stage: str, note: str | None = None) -> Advance:
        """A move chosen in a form: the stage and the note are already told apart."""
        return cls(name, (stage,), (note,) if note else ())


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
            tr('A partner needs a name before its fields, e.g. `/partner add "Globex Corporation" type=reseller`.')
        )
    return Add(name, fields)


def parse_advance(tokens: list[Token]) -> Advance:
    usage = '`/partner advance NAME [STAGE] ["note"]`'
    refuse_pairs(tokens, usage)
    if not tokens:
        raise ParseError(tr("Which partner? Usage: {usage}", usage=usage))
    name, *rest = tokens
    words = tuple(token.text for token in rest if not token.quoted)
    return Advance(name.text, words, tuple(token.text for token in rest if token.quoted))


def parse_show(tokens: list[Token]) -> Show:
    return Show(required_name(tokens, "`/partner show NAME`"))



def parse_stages(tokens: list[Token]) -> Stages:
    if tokens:
        raise ParseError(tr("`/partner stages` takes no arguments."))
    return Stages()


def parse_archive(tokens: list[Token]) -> Archive:
    return Archive(required_name(tokens, "`/partner archive NAME`"))


def parse_restore(tokens: list[Token]) -> Restore:
    return Restore(required_name(tokens, "`/partner restore NAME`"))
