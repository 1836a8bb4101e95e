"""Numbers as partner managers read them: `5 000`, `20.0%`, `525%`, `—` where a figure is undefined."""

from __future__ import annotations

from decimal import Decimal

ARROWS = {"up": "▲", "down": "▼", "same": "=", None: " "}


def amount(value: Decimal | None) -> str:
    if value is None:
        return "—"
    whole = value == value.to_integral_value()
    text = f"{value:,.0f}" if whole else f"{value:,.2f}"
    return text.replace(",", " ")


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def ratio_percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:+.0f}%"
