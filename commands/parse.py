"""Typed commands, built from tokens. Syntax only: names and stages are checked when a command runs."""

from __future__ import annotations

from dataclasses import dataclass

from commands.leads import parse_leads
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


@dataclass(frozen=True)
class Feedback:
    name: str
    fields: tuple[tuple[str, str], ...] = ()
    text: str | None = None


@dataclass(frozen=True)
class Kpi:
    name: str
    fields: tuple[tuple[str, str], ...] = ()
    undo: bool = False


@dataclass(frozen=True)
class Kpis:
    pass


FEEDBACK_KEYS = {
    "csat": "csat",
    "satisfaction": "csat",
    "nps": "nps",
    "recommend": "nps",
    "text": "text",
    "comment": "text",
    "pain": "pain_points",
    "pains": "pain_points",
    "pain_points": "pain_points",
    "problems": "pain_points",
    "other": "other_pain",
}
UNDO_WORDS = ("undo", "cofnij", "отменить", "отмена")


def parse_feedback(tokens: list[Token]) -> Feedback:
    usage = '`/partner feedback NAME [csat=1-5] [nps=0-10] [pain=tooling,payouts] ["text"]`'
    words = _words(tokens)
    if not words:
        raise ParseError(f"Which partner? Usage: {usage}")
    fields = []
    for key, value in _pairs(tokens, "feedback"):
        if key not in FEEDBACK_KEYS:
            raise ParseError(f"'{key}=' is not a feedback field. Usage: {usage}")
        fields.append((FEEDBACK_KEYS[key], value))
    return Feedback(words[0].text, tuple(fields), _joined(words[1:]) or None)


def parse_kpi(tokens: list[Token]) -> Kpi:
    words = _words(tokens)
    undo = bool(words) and words[-1].text.casefold() in UNDO_WORDS and not words[-1].quoted
    name = _joined(words[:-1] if undo else words)
    if not name:
        raise ParseError("Which partner? Usage: `/partner kpi NAME [leads=10 deals=2 revenue=5k …] [on=2026-11-02]`")
    return Kpi(name, _pairs(tokens, "kpi"), undo)


def parse_kpis(tokens: list[Token]) -> Kpis:
    if tokens:
        raise ParseError("`/partner kpis` takes no arguments; `/partner kpi NAME` shows one partner.")
    return Kpis()


@dataclass(frozen=True)
class Score:
    name: str
    why: bool = False
    answers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Ask:
    name: str
    leads: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rank:
    scope: str | None = None


WHY_WORDS = ("why", "explain", "dlaczego", "почему")


def parse_score(tokens: list[Token]) -> Score:
    words = _words(tokens)
    why = bool(words) and not words[-1].quoted and words[-1].text.casefold() in WHY_WORDS
    name = _joined(words[:-1] if why else words)
    if not name:
        raise ParseError(
            "Which partner? Usage: `/partner score NAME` (the questionnaire) or `/partner score NAME why`."
        )
    answers = _pairs(tokens, "score")
    if why and answers:
        raise ParseError("`why` explains a score; give it no answers: `/partner score Acme why`.")
    return Score(name, why, answers)


def parse_ask(tokens: list[Token]) -> Ask:
    usage = "`/partner ask NAME @lead …` (or `/partner ask NAME` for who has answered)"
    _no_pairs(tokens, usage)
    if not tokens:
        raise ParseError(f"Which partner? Usage: {usage}")
    name, *rest = tokens
    return Ask(name.text, parse_leads(rest))


def parse_rank(tokens: list[Token]) -> Rank:
    _no_pairs(tokens, "`/partner rank [STAGE or TYPE]`")
    return Rank(_joined(tokens) or None)


@dataclass(frozen=True)
class DigestCommand:
    action: str
    """"show", "set", "off", "on" or "now"."""
    channel_id: str | None = None
    channel_name: str | None = None
    day: str | None = None
    time: str | None = None


def parse_digest(tokens: list[Token]) -> DigestCommand:
    usage = "`/partner digest [#channel] [DAY HH:MM]`, `digest off`, `digest on` or `digest now`"
    _no_pairs(tokens, usage)
    if not tokens:
        return DigestCommand("show")
    first = tokens[0].text.casefold()
    if len(tokens) == 1 and tokens[0].kind == "word" and first in ("off", "on", "now", "pause", "resume"):
        return DigestCommand({"pause": "off", "resume": "on"}.get(first, first))
    first_token = tokens[0]
    if first_token.kind == "word" and first_token.text.startswith("#") and len(first_token.text) > 1:
        name = first_token.text[1:]  # typed in the console; Slack sends channels as <#C…|name>
        first_token = Token(name, kind="channel", entity_id=name)
    channel = first_token if first_token.kind == "channel" else None
    rest = tokens[1:] if channel else tokens
    if len(rest) not in (0, 2):
        raise ParseError(f"Give a day and a time together, e.g. `mon 09:00`. Usage: {usage}")
    day, at = (rest[0].text, rest[1].text) if rest else (None, None)
    return DigestCommand("set", channel.entity_id if channel else None, channel.text if channel else None, day, at)


@dataclass(frozen=True)
class Stalled:
    set_stage: str | None = None
    set_days: str | None = None
    reasons: bool = False


def parse_stalled(tokens: list[Token]) -> Stalled:
    usage = "`/partner stalled`, `stalled set STAGE DAYS` or `stalled reasons`"
    _no_pairs(tokens, usage)
    if not tokens:
        return Stalled()
    first = tokens[0].text.casefold()
    if first == "reasons" and len(tokens) == 1:
        return Stalled(reasons=True)
    if first == "set":
        if len(tokens) != 3:
            raise ParseError(f"Name a stage and a number of days, e.g. `stalled set onboarding 45`. Usage: {usage}")
        return Stalled(set_stage=tokens[1].text, set_days=tokens[2].text)
    raise ParseError(f"'{tokens[0].text}' is not understood here. Usage: {usage}")


@dataclass(frozen=True)
class MapCommand:
    pass


def parse_map(tokens: list[Token]) -> MapCommand:
    if tokens:
        raise ParseError("`/partner map` takes no arguments.")
    return MapCommand()
