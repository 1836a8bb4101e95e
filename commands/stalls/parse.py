"""The grammar of `/partner stalled`: the list, `set STAGE DAYS`, `reasons` and `notify channel|dm|both`."""

from __future__ import annotations

from dataclasses import dataclass

from commands.grammar import refuse_pairs
from commands.tokens import ParseError, Token
from domain.language import tr

NOTIFY_CHOICES = ("channel", "dm", "both")
USAGE = "`/partner stalled`, `stalled set STAGE DAYS`, `stalled reasons` or `stalled notify channel|dm|both`"


@dataclass(frozen=True)
class Stalled:
    set_stage: str | None = None
    set_days: str | None = None
    reasons: bool = False
    notify: str | None = None


def parse_stalled(tokens: list[Token]) -> Stalled:
    refuse_pairs(tokens, USAGE)
    if not tokens:
        return Stalled()
    first = tokens[0].text.casefold()
    if first == "reasons" and len(tokens) == 1:
        return Stalled(reasons=True)
    if first == "set":
        if len(tokens) != 3:
            raise ParseError(
                tr("Name a stage and a number of days, e.g. `stalled set onboarding 45`. Usage: {usage}", usage=USAGE)
            )
        return Stalled(set_stage=tokens[1].text, set_days=tokens[2].text)
    if first == "notify":
        where = tokens[1].text.casefold() if len(tokens) == 2 else ""
        if where not in NOTIFY_CHOICES:
            raise ParseError(
                tr("Say where the daily stalled summary goes: `stalled notify channel` (the digest channel), "
                   "`stalled notify dm` (each owner, their partners) or `stalled notify both`.")
            )
        return Stalled(notify=where)
    raise ParseError(tr("'{word}' is not understood here. Usage: {usage}", word=tokens[0].text, usage=USAGE))
