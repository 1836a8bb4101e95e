"""Pages of long lists (list, stalled, rank): which rows a page holds, and the state a page button carries."""

from __future__ import annotations

import json
from dataclasses import dataclass

from domain.errors import PartnerbotError
from domain.language import tr

PAGE_SIZE = 25
MAX_PAGE = 100_000
MAX_ARGUMENTS = 500
PAGED_VERBS = ("list", "stalled", "rank", "history", "audit")


@dataclass(frozen=True)
class Page:
    number: int
    """1-based; a number past the last page is shown as the last page."""
    total: int
    size: int = PAGE_SIZE

    @property
    def count(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def current(self) -> int:
        return min(self.number, self.count)

    @property
    def offset(self) -> int:
        return (self.current - 1) * self.size

    @property
    def has_previous(self) -> bool:
        return self.current > 1

    @property
    def has_next(self) -> bool:
        return self.current < self.count


def page_number(word: str) -> int:
    """`page 3` on the command line; anything but a whole number from 1 is refused."""
    if not word.isdecimal() or not 1 <= int(word) <= MAX_PAGE:
        raise PartnerbotError(tr("'{word}' is not a page number; give a whole number from 1, e.g. `page 2`.",
                                 word=word))
    return int(word)


@dataclass(frozen=True)
class PageButton:
    """What a Next/Previous button carries: the command it re-runs, with which arguments, and the page."""

    verb: str
    arguments: str
    page: int

    def encode(self) -> str:
        return json.dumps({"v": self.verb, "a": self.arguments, "p": self.page}, ensure_ascii=False)

    def command_line(self) -> str:
        return " ".join(part for part in (self.verb, self.arguments, f"page {self.page}") if part)


def decode_page_button(value: str) -> PageButton:
    """The button's state, checked: only a paged verb, arguments of bounded length, a page in range."""
    try:
        data = json.loads(value)
        verb, arguments, page = data["v"], data["a"], data["p"]
    except (ValueError, KeyError, TypeError):
        raise PartnerbotError(tr("That page button is not valid any more; run the command again.")) from None
    if (
        verb not in PAGED_VERBS
        or not isinstance(arguments, str)
        or len(arguments) > MAX_ARGUMENTS
        or type(page) is not int
        or not 1 <= page <= MAX_PAGE
    ):
        raise PartnerbotError(tr("That page button is not valid any more; run the command again."))
    return PageButton(verb, arguments, page)
