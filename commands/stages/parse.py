"""The grammar of `/partner stages`: show, add, rename, remove, order, describe, template, checklist.

Stage words are kept as typed; they are resolved against the workspace's journey when the command runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from commands.grammar import joined, pair_fields, word_tokens
from commands.tokens import ParseError, Token
from domain.errors import did_you_mean
from domain.language import N_, tr
from domain.words import closest, fold

USAGE = (
    '`/partner stages add "NAME" [after|before STAGE] [days=N] [aliases="a, b"] [description="…"]`,'
    ' `stages rename STAGE "NAME"`, `stages remove STAGE [move-to=STAGE]`, `stages order STAGE…`,'
    ' `stages describe STAGE "text"`, `stages alias STAGE "a, b"`, `stages template method|default [move-to=STAGE]`,'
    ' `stages checklist STAGE [add|remove "step"]`'
)
ACTIONS = ("add", "rename", "remove", "order", "describe", "alias", "template", "checklist")
ACTION_ALIASES = {"delete": "remove", "new": "add", "reorder": "order", "aliases": "alias"}


@dataclass(frozen=True)
class ShowStages:
    pass


@dataclass(frozen=True)
class AddStage:
    name: str
    after: str | None = None
    before: str | None = None
    days: str | None = None
    aliases: str = ""
    description: str = ""


@dataclass(frozen=True)
class RenameStage:
    stage: str
    name: str


@dataclass(frozen=True)
class RemoveStage:
    stage: str
    move_to: str | None = None


@dataclass(frozen=True)
class OrderStages:
    stages: tuple[str, ...]


@dataclass(frozen=True)
class DescribeStage:
    stage: str
    description: str


@dataclass(frozen=True)
class AliasStage:
    stage: str
    aliases: str


@dataclass(frozen=True)
class ApplyTemplate:
    template: str
    move_to: str | None = None


@dataclass(frozen=True)
class Checklist:
    stage: str
    action: str | None = None  # add, remove, or None to list
    text: str = ""


StagesCommand = (
    ShowStages | AddStage | RenameStage | RemoveStage | OrderStages | DescribeStage | AliasStage | ApplyTemplate
    | Checklist
)


def _pairs(tokens: list[Token], allowed: tuple[str, ...]) -> dict[str, str]:
    fields = dict(pair_fields(tokens, "stages"))
    for key in fields:
        if key not in allowed:
            accepted = ", ".join(f"{name}=" for name in allowed) or tr("no key=value")
            raise ParseError(
                tr("'{key}=' is not understood here (this takes {accepted}). Usage: {usage}", key=key,
                   accepted=accepted, usage=USAGE)
            )
    return fields


def _stage_then_text(words: list[Token], what: str) -> tuple[str, str]:
    """`STAGE "text"`: the last token is the text, the words before it name the stage."""
    if len(words) < 2 or not words[-1].quoted:
        raise ParseError(tr("Name the stage, then the {what} in quotes. Usage: {usage}", what=tr(what), usage=USAGE))
    return joined(words[:-1]), words[-1].text


def _action(word: Token) -> str:
    folded = fold(word.text)
    action = folded if folded in ACTIONS else ACTION_ALIASES.get(folded)
    if action is None:
        hint = closest(word.text, ACTIONS)
        raise ParseError(
            tr("Unknown stages command '{word}'{hint} Usage: {usage}", word=word.text,
               hint=did_you_mean(hint) or ".", usage=USAGE)
        )
    return action


def parse_stages(tokens: list[Token]) -> StagesCommand:
    if not tokens:
        return ShowStages()
    action, rest = _action(tokens[0]), tokens[1:]
    words = word_tokens(rest)
    if action == "add":
        fields = _pairs(rest, ("days", "aliases", "description"))
        if not words:
            raise ParseError(tr("Name the new stage. Usage: {usage}", usage=USAGE))
        name, *place = words
        where = fold(place[0].text) if place else None
        if place and (where not in ("after", "before") or len(place) < 2):
            raise ParseError(
                tr("After the name, say where: `after STAGE` or `before STAGE`. Usage: {usage}", usage=USAGE)
            )
        anchor = joined(place[1:]) or None
        return AddStage(
            name.text, anchor if where == "after" else None, anchor if where == "before" else None,
            fields.get("days"), fields.get("aliases", ""), fields.get("description", ""),
        )
    if action == "rename":
        _pairs(rest, ())
        return RenameStage(*_stage_then_text(words, N_("new name")))
    if action == "describe":
        _pairs(rest, ())
        return DescribeStage(*_stage_then_text(words, N_("description")))
    if action == "alias":
        _pairs(rest, ())
        return AliasStage(*_stage_then_text(words, N_("aliases")))
    if action == "remove":
        fields = _pairs(rest, ("move-to",))
        if not words:
            raise ParseError(tr("Which stage? Usage: {usage}", usage=USAGE))
        return RemoveStage(joined(words), fields.get("move-to"))
    if action == "order":
        _pairs(rest, ())
        if not words:
            raise ParseError(tr("List every stage in the new order. Usage: {usage}", usage=USAGE))
        return OrderStages(tuple(word.text for word in words))
    if action == "template":
        fields = _pairs(rest, ("move-to",))
        return ApplyTemplate(joined(words), fields.get("move-to"))
    _pairs(rest, ())
    steps = [index for index, word in enumerate(words) if not word.quoted and fold(word.text) in ("add", "remove")]
    if not steps:
        if not words:
            raise ParseError(tr("Which stage's checklist? Usage: {usage}", usage=USAGE))
        return Checklist(joined(words))
    at = steps[-1]
    text = joined(words[at + 1 :])
    if not words[:at] or not text:
        raise ParseError(tr("Name the stage, then add or remove, then the step in quotes. Usage: {usage}", usage=USAGE))
    return Checklist(joined(words[:at]), fold(words[at].text), text)
