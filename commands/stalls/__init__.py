"""Stalled partners: `/partner stalled` (parse, listing), the daily summary (summary) and what people do from
it (alerts)."""

from commands.stalls.listing import stalled
from commands.stalls.parse import parse_stalled

__all__ = ["parse_stalled", "stalled"]
