"""Numbers as partner managers read them, in the reader's locale through Babel: `5 000`, `20.0%`, `+525%` in
English (thousands grouped by a space, as always), `12 345,50`, `20,0 %` in Russian and Polish; `—` where a
figure is undefined."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal, format_percent

from domain.language import current_language, current_locale

ARROWS = {"up": "▲", "down": "▼", "same": "=", None: " "}


def _grouped(text: str) -> str:
    """English groups thousands with a space in this bot (`5 000`), not Babel's comma."""
    return text.replace(",", " ") if current_language() == "en" else text


def amount(value: Decimal | None) -> str:
    if value is None:
        return "—"
    pattern = "#,##0" if value == value.to_integral_value() else "#,##0.00"
    return _grouped(format_decimal(value, format=pattern, locale=current_locale()))


def whole(value: float | Decimal) -> str:
    """A rounded figure (a score, days, a count of leads) with grouped thousands."""
    return _grouped(format_decimal(round(value), format="#,##0", locale=current_locale()))


def decimal_one(value: float | Decimal) -> str:
    """One decimal place (`4.5` / `4,5`), for means such as CSAT."""
    return format_decimal(value, format="0.0", locale=current_locale())


def _percent_pattern(digits: str) -> str:
    """The locale's own percent pattern (`#,##0 %` in Russian, a space before the sign) with our digits."""
    return str(current_locale().percent_formats[None].pattern).replace("#,##0", digits)


def percent(value: Decimal | None) -> str:
    return "—" if value is None else format_percent(value, format=_percent_pattern("0.0"), locale=current_locale())


def ratio_percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    signed = f"+{_percent_pattern('0')};-{_percent_pattern('0')}"
    return format_percent(value, format=signed, locale=current_locale())
