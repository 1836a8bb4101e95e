"""Reading numbers the way partner managers type them: `5000`, `5 000`, `5k`, `12.5k`, `1.2m`, `5000,50`.

A single separator followed by exactly three digits (`5,000`, `1.500`) means a thousands separator in
one country and a decimal point in another, so it is refused rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from domain.errors import PartnerbotError
from domain.language import tr

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
_SHAPE = re.compile(r"(?P<int>\d+)(?:[.,](?P<frac>\d+))?(?P<suffix>[kKmMкКмМ])?")
_GROUPED = re.compile(r"\d{1,3}(?:[\s\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?[kKmMкКмМ]?")
MULTIPLIERS = {"k": Decimal(1000), "к": Decimal(1000), "m": Decimal(1_000_000), "м": Decimal(1_000_000)}


class InvalidAmount(PartnerbotError):
    pass


def parse_amount(text: str, *, what: str = "value") -> Decimal:
    """A non-negative finite Decimal, or InvalidAmount naming what was wrong and what would be right."""
    raw = text.strip()
    if _SPACES.search(raw) and not _GROUPED.fullmatch(raw):
        raise InvalidAmount(
            tr("{what} '{raw}' is not a number I can read; spaces may only group thousands: 5 000.", what=what, raw=raw)
        )
    match = _SHAPE.fullmatch(_SPACES.sub("", raw))
    if match is None:
        hint = tr(" Values cannot be negative.") if raw.startswith("-") else ""
        raise InvalidAmount(
            tr("{what} '{raw}' is not a number. Write it like 5000, 5 000, 5k, 12.5k or 5000,50.{hint}", what=what,
               raw=raw, hint=hint)
        )
    whole, fraction, suffix = match["int"], match["frac"], match["suffix"]
    if fraction is not None and len(fraction) == 3 and len(whole) <= 3 and suffix is None:
        raise InvalidAmount(
            tr("{what} '{raw}' is ambiguous: a thousands separator or a decimal point? "
               "Write {thousands} for thousands, or {decimal} for a decimal.", what=what, raw=raw,
               thousands=whole + fraction, decimal=whole + "," + fraction[:2])
        )
    if fraction is not None and len(fraction) > 2 and suffix is None:
        raise InvalidAmount(tr("{what} '{raw}' has more than two decimals.", what=what, raw=raw))
    try:
        value = Decimal(f"{whole}.{fraction}" if fraction is not None else whole)
    except InvalidOperation:
        raise InvalidAmount(tr("{what} '{raw}' is not a number.", what=what, raw=raw)) from None
    try:  # beyond the context's 28 digits, quantize raises InvalidOperation
        if suffix is not None:
            value *= MULTIPLIERS[suffix.casefold()]
        return value.quantize(Decimal("0.01")) if value != value.to_integral_value() else value.quantize(Decimal(1))
    except InvalidOperation:
        raise InvalidAmount(tr("{what} '{raw}' is too large to be a real figure.", what=what, raw=raw)) from None
