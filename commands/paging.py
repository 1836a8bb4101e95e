"""The grammar shared by the paged verbs (list, stalled, rank): filters, `page N`, and the page's links."""

from __future__ import annotations

from dataclasses import dataclass

from commands.context import Invocation
from commands.replies.paging import PageInfo
from commands.tokens import ParseError, Token
from domain.errors import PartnerbotError
from domain.journey import Stage
from domain.language import tr
from domain.paging import Page, PageButton, page_number
from domain.partner import PARTNER_TYPES, clean_value

PAGE_WORDS = ("page", "strona", "страница", "p")
ME = ("me", "я", "ja")


@dataclass(frozen=True)
class Filters:
    """The words left after filters, the filters (`owner=@anna type=reseller stage=support`) and the page."""

    words: tuple[Token, ...] = ()
    owner: str | None = None
    type: str | None = None
    stage: str | None = None
    page: int = 1
    arguments: str = ""
    """The command's arguments without the page, as a button re-runs them."""


def _as_typed(token: Token) -> str:
    if token.kind == "pair":
        value = f"<@{token.entity_id}>" if token.entity_id else token.text
        return f'{token.key}="{value}"' if " " in value else f"{token.key}={value}"
    if token.kind == "user":
        return f"<@{token.entity_id}>"
    return f'"{token.text}"' if token.quoted or " " in token.text else token.text


def parse_filters(tokens: list[Token], usage: str, allowed: tuple[str, ...] = ("owner", "type", "stage")) -> Filters:
    rest, page = list(tokens), 1
    if len(rest) >= 2 and rest[-2].kind == "word" and rest[-2].text.casefold() in PAGE_WORDS:
        try:
            page = page_number(rest[-1].text)
        except PartnerbotError as error:
            raise ParseError(f"{error.message} {usage}") from None
        rest = rest[:-2]
    values: dict[str, str] = {}
    for token in rest:
        if token.kind != "pair":
            continue
        if token.key not in allowed:
            raise ParseError(
                tr("'{key}=' is not a filter here; use {allowed}. {usage}", key=token.key,
                   allowed=", ".join(k + "=" for k in allowed), usage=usage)
            )
        if token.key in values:
            raise ParseError(tr("'{key}=' is given twice; give each filter once.", key=token.key))
        values[token.key] = token.entity_id or token.text.removeprefix("@")
    kind = values.get("type")
    if kind is not None:
        try:
            kind = clean_value("type", kind)
        except PartnerbotError:
            raise ParseError(
                tr("'{kind}' is not a partner type. Types: {types}.", kind=kind, types=", ".join(PARTNER_TYPES))
            ) from None
    return Filters(
        words=tuple(token for token in rest if token.kind != "pair"),
        owner=values.get("owner"),
        type=kind,
        stage=values.get("stage"),
        page=page,
        arguments=" ".join(_as_typed(token) for token in rest),
    )


def owner_of(filters: Filters, invocation: Invocation) -> str | None:
    """`owner=@me` (or `me`) is whoever asks."""
    if filters.owner is None:
        return None
    return invocation.user_id if filters.owner.casefold() in ME else filters.owner


def stage_of(filters: Filters, invocation: Invocation) -> Stage | None:
    return invocation.journey.resolve(filters.stage) if filters.stage else None


def page_info(verb: str, filters: Filters, page: Page, shown: int) -> PageInfo:
    """Where this page sits in the whole list, and the buttons' state."""

    def link(number: int) -> str:
        return PageButton(verb, filters.arguments, number).encode()

    return PageInfo(
        verb=verb,
        arguments=filters.arguments,
        number=page.current,
        pages=page.count,
        total=page.total,
        first_row=page.offset + 1 if shown else 0,
        last_row=page.offset + shown,
        previous=link(page.current - 1) if page.has_previous else None,
        next=link(page.current + 1) if page.has_next else None,
    )
