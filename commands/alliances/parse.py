"""The grammar of `alliance …`, `handover …` and `bonus …`: syntax only; names and types are checked when run."""

from __future__ import annotations

import re
from dataclasses import dataclass

from commands.tokens import ParseError, Token
from domain.language import tr
from domain.words import fold

ACTIONS = {
    "new": ("new", "create", "nowy", "nowa", "utwórz", "создать", "новый", "новый-альянс"),
    "add": ("add", "join", "dodaj", "добавить"),
    "remove": ("remove", "rm", "drop", "usuń", "usun", "удалить", "убрать"),
    "show": ("show", "card", "pokaż", "pokaz", "показать"),
    "list": ("list", "ls", "lista", "список"),
    "type": ("type", "types", "explain", "typ", "typy", "тип", "типы"),
    "matrix": ("matrix", "macierz", "матрица"),
}
_ACTION_OF = {fold(spelling): action for action, spellings in ACTIONS.items() for spelling in spellings}
TYPE_KEYS = ("type", "typ", "тип", "structure")
MEMBER_KEYS = ("members", "partners", "członkowie", "czlonkowie", "участники")
ARROWS = ("→", "->", "to", "do", "в", "=>", "⇒")
_ARROW_INSIDE = re.compile(r"\s*(?:→|->|=>|⇒)\s*")
ALLIANCE_USAGE = (
    '`/partner alliance new NAME type=TYPE members="A, B"`, `alliance add|remove NAME PARTNER…`,'
    " `alliance show NAME`, `alliance list`, `alliance type TYPE`, `alliance matrix`"
)
HANDOVER_USAGE = '`/partner handover FROM → TO client="Foo LLC" [value=12k] [waited=2d] [alliance=NAME] [on=DATE]`'
BONUS_USAGE = '`/partner bonus PARTNER AMOUNT ["reason"] [on=DATE]`'


@dataclass(frozen=True)
class AllianceCommand:
    action: str
    """new, add, remove, show, list, type, matrix, or `either` (a bare word: an alliance's name or a type)."""
    name: str | None = None
    type_word: str | None = None
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandoverCommand:
    source: str
    target: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class BonusCommand:
    partner: str
    amount: str
    reason: str | None
    fields: tuple[tuple[str, str], ...]


def _pairs(tokens: list[Token]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for token in tokens:
        if token.kind == "pair":
            if token.key in pairs:
                raise ParseError(tr("'{key}=' is given twice; give each field once.", key=token.key))
            pairs[token.key] = token.text
    return pairs


def _texts(tokens: list[Token]) -> list[str]:
    return [token.text for token in tokens if token.kind != "pair"]


def split_members(raw: str) -> tuple[str, ...]:
    """`members="Acme, Globex; Initech"`: names separated by commas or semicolons, in order."""
    return tuple(name.strip() for name in re.split(r"[,;]", raw) if name.strip())


def parse_alliance(tokens: list[Token]) -> AllianceCommand:
    words, pairs = _texts(tokens), _pairs(tokens)
    if not words:
        if pairs:
            raise ParseError(
                tr("Say what to do first, e.g. `alliance new NAME type=chain`. Usage: {usage}", usage=ALLIANCE_USAGE)
            )
        return AllianceCommand("list")
    action = _ACTION_OF.get(fold(words[0])) if not tokens[0].quoted else None
    rest = words[1:]
    type_word = next((pairs.pop(key) for key in TYPE_KEYS if key in pairs), None)
    members = next((pairs.pop(key) for key in MEMBER_KEYS if key in pairs), None)
    if pairs:
        raise ParseError(tr("'{key}=' is not understood here. Usage: {usage}",
                            key=next(iter(pairs)), usage=ALLIANCE_USAGE))
    if action is None:
        return AllianceCommand("either", name=" ".join(words))
    if action == "new":
        if not rest:
            raise ParseError(tr('Name the alliance, e.g. `/partner alliance new "Logistics chain" type=chain`.'))
        if type_word is None and len(rest) > 1:
            type_word = rest.pop()
        if type_word is None:
            raise ParseError(tr("Which type? type=before, after, moment, chain (toast) or hydra (virus)."))
        listed = split_members(members) if members else ()
        return AllianceCommand("new", name=" ".join(rest), type_word=type_word, partners=listed)
    if type_word is not None or members is not None:
        raise ParseError(tr("Fields like type= and members= go with `alliance new`. Usage: {usage}",
                            usage=ALLIANCE_USAGE))
    if action in ("add", "remove"):
        if len(rest) < 2:
            raise ParseError(
                tr('Name the alliance and the partner(s), e.g. `alliance {action} "Logistics chain" Hooli`.',
                   action=action)
            )
        return AllianceCommand(action, name=rest[0], partners=tuple(rest[1:]))
    if action == "show":
        if not rest:
            raise ParseError(tr('Which alliance? e.g. `/partner alliance show "Logistics chain"`.'))
        return AllianceCommand("show", name=" ".join(rest))
    if action == "type":
        return AllianceCommand("type", type_word=" ".join(rest) or None)
    if rest:
        raise ParseError(tr("`alliance {action}` takes nothing more. Usage: {usage}",
                            action=action, usage=ALLIANCE_USAGE))
    return AllianceCommand(action)


def parse_handover(tokens: list[Token]) -> HandoverCommand:
    words: list[tuple[str, bool]] = []
    for token in tokens:
        if token.kind == "pair":
            continue
        if token.quoted:
            words.append((token.text, True))
            continue
        for index, piece in enumerate(_ARROW_INSIDE.split(token.text)):
            if index:
                words.append(("→", False))
            if piece:
                words.append((piece, False))
    arrow = next((i for i, (text, quoted) in enumerate(words) if not quoted and text.casefold() in ARROWS), None)
    if arrow is None:
        raise ParseError(
            tr("Who passed the client to whom? Put → (or -> or `to`) between them: {usage}", usage=HANDOVER_USAGE)
        )
    source = " ".join(text for text, _ in words[:arrow])
    target = " ".join(text for text, _ in words[arrow + 1 :])
    if not source or not target:
        raise ParseError(
            tr("Name both sides of the hand-over (a partner, or `us` for the company): {usage}", usage=HANDOVER_USAGE)
        )
    return HandoverCommand(source, target, tuple(_pairs(tokens).items()))


def parse_bonus(tokens: list[Token]) -> BonusCommand:
    words = [token for token in tokens if token.kind != "pair"]
    amount_at = next(
        (i for i, t in enumerate(words) if i > 0 and not t.quoted and t.text[:1].isdigit()), None
    )
    if amount_at is None:
        raise ParseError(tr("Name the partner and the amount. Usage: {usage}", usage=BONUS_USAGE))
    partner = " ".join(t.text for t in words[:amount_at])
    reason = " ".join(t.text for t in words[amount_at + 1 :]) or None
    return BonusCommand(partner, words[amount_at].text, reason, tuple(_pairs(tokens).items()))
