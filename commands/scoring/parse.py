"""The scoring verbs' grammar: score, ask, rank."""

from __future__ import annotations

from dataclasses import dataclass

from commands.grammar import joined, pair_fields, refuse_pairs, word_tokens
from commands.leads import parse_leads
from commands.tokens import ParseError, Token
from domain.language import tr


@dataclass(frozen=True)
class Score:
    name: str
    why: bool = False
    answers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Ask:
    name: str
    leads: tuple[str, ...] = ()



WHY_WORDS = ("why", "explain", "dlaczego", "почему")


def parse_score(tokens: list[Token]) -> Score:
    words = word_tokens(tokens)
    why = bool(words) and not words[-1].quoted and words[-1].text.casefold() in WHY_WORDS
    name = joined(words[:-1] if why else words)
    if not name:
        raise ParseError(
            tr("Which partner? Usage: `/partner score NAME` (the questionnaire) or `/partner score NAME why`.")
        )
    answers = pair_fields(tokens, "score")
    if why and answers:
        raise ParseError(tr("`why` explains a score; give it no answers: `/partner score Acme why`."))
    return Score(name, why, answers)


def parse_ask(tokens: list[Token]) -> Ask:
    usage = tr("`/partner ask NAME @lead …` (or `/partner ask NAME` for who has answered)")
    refuse_pairs(tokens, usage)
    if not tokens:
        raise ParseError(tr("Which partner? Usage: {usage}", usage=usage))
    name, *rest = tokens
    return Ask(name.text, parse_leads(rest))

