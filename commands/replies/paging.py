"""Where a page of a long list sits in the whole, for the page line and the Next/Previous buttons."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    verb: str
    arguments: str
    number: int
    pages: int
    total: int
    first_row: int
    last_row: int
    previous: str | None = None
    """The Previous button's state (None on the first page)."""
    next: str | None = None
