"""The verb table: one entry per verb drives dispatch and the help text, so they cannot drift.

Each area keeps its verbs in a module of its own; the table joins them in the order help lists them."""

from __future__ import annotations

from dataclasses import dataclass

from commands.aliases import all_verb_words
from commands.context import Invocation
from commands.grammar import joined
from commands.replies import HelpSheet, Reply, reply_or_refusal
from commands.roles import require
from commands.tokens import ParseError, Token, tokenize
from commands.verbs.alliances import ALLIANCE_VERBS
from commands.verbs.audit import AUDIT_VERBS
from commands.verbs.figures import FIGURE_VERBS
from commands.verbs.operations import OPERATION_VERBS
from commands.verbs.partners import LIFECYCLE_VERBS, PARTNER_VERBS
from commands.verbs.verb import Verb
from commands.verbs.workspace import WORKSPACE_VERBS
from domain.errors import did_you_mean
from domain.language import N_, tr
from domain.roles import VIEW
from domain.words import closest, fold


@dataclass(frozen=True)
class Help:
    topic: str | None = None


def parse_help(tokens: list[Token]) -> Help:
    return Help(joined(tokens) or None)


def show_help(command: Help, invocation: Invocation) -> Reply:
    sheet = tuple(verb.help() for verb in VERBS.values())
    if command.topic is None:
        return Reply(HelpSheet(sheet))
    return Reply(HelpSheet(sheet, focus=find_verb(command.topic).help()))


HELP = Verb(
    "help",
    "help [VERB]",
    N_("These commands, or one in detail."),
    ("help advance",),
    parse_help,
    show_help,
    aliases=("?", "pomoc", "помощь"),
    needs=VIEW,
)

VERBS: dict[str, Verb] = {
    verb.name: verb
    for verb in (
        HELP,
        *PARTNER_VERBS,
        *FIGURE_VERBS,
        *OPERATION_VERBS,
        *ALLIANCE_VERBS,
        *LIFECYCLE_VERBS,
        *WORKSPACE_VERBS,
        *AUDIT_VERBS,
    )
}

_BY_SPELLING = {
    fold(spelling): verb
    for verb in VERBS.values()
    for spelling in (verb.name, *verb.aliases, *all_verb_words(verb.name))
}


def find_verb(word: str) -> Verb:
    verb = _BY_SPELLING.get(fold(word))
    if verb is None:
        suggestions = closest(word, VERBS)
        hint = did_you_mean(suggestions) or "."
        raise ParseError(
            tr("Unknown command '{word}'{hint} Commands: {verbs}. Try `/partner help`.", word=word, hint=hint,
               verbs=", ".join(VERBS))
        )
    return verb


def handle(text: str, invocation: Invocation) -> Reply:
    """Runs one `/partner` line. Every refusal becomes an error reply; a refused command changed nothing."""
    return reply_or_refusal(lambda: _run(text, invocation))


def _run(text: str, invocation: Invocation) -> Reply:
    tokens = tokenize(text)
    if not tokens:
        return show_help(Help(), invocation)
    first = tokens[0]
    verb = find_verb(f"{first.key}={first.text}" if first.kind == "pair" else first.text)
    command = verb.parse(tokens[1:])
    require(invocation, verb.need(command))
    return verb.run(command, invocation)
