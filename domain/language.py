"""The language a text is written in, and the catalogs that translate it (English, Russian, Polish).

Every user-facing string goes through `tr` (one form) or `trn` (a count with plural forms). The
language is a context variable: the Slack edge sets it for each request (the reader's locale) and
each job (the workspace's language) with `speaking(...)`, so commands and renderers need not pass
it around. English is the source language: its catalog is empty and the msgid is the text.

Catalogs are `domain/locales/<lang>/<area>.po`, one file per feature area so they can be edited
side by side; all the files of one language are merged at first use. Compiled `.mo` files (written
by `python -m domain.catalogs compile`, run by `dev.py` and the package build) are read when they are
up to date, else the `.po` is compiled in memory. Reading them is reading package data, like an import.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES: tuple[str, ...] = ("en", "ru", "pl")
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).with_name("locales")

_speaking: ContextVar[str] = ContextVar("partnerbot_language", default=DEFAULT_LANGUAGE)


def language_of(locale: str | None) -> str:
    """Slack's `ru-RU`, `pl-PL`, `en-US` (or a bare `ru`) → one of LANGUAGES; anything else is English."""
    if not locale:
        return DEFAULT_LANGUAGE
    head = locale.replace("_", "-").split("-")[0].lower()
    return head if head in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _speaking.get()


def current_locale() -> Locale:
    """Babel's locale for numbers, money, dates and months in the current language."""
    return _babel_locale(_speaking.get())


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Write every text in this block in `language` (a Slack locale or a language code)."""
    chosen = language_of(language)
    token = _speaking.set(chosen)
    try:
        yield chosen
    finally:
        _speaking.reset(token)


def switch_language(language: str | None) -> str:
    """Write every later text of the current context in `language` — a request's thread or a lazy listener's
    copy of it. For an entry that learns its reader's language part-way through (after reading the settings in
    the command's own transaction); elsewhere prefer the scoped `speaking`."""
    chosen = language_of(language)
    _speaking.set(chosen)
    return chosen


def tr(message: str, /, **values: object) -> str:
    """`message` in the current language, with `{name}` placeholders filled from `values`."""
    text = _catalog(_speaking.get()).gettext(message)
    return text.format(**values) if values else text


def trn(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The form of a counted text the current language asks for; `{count}` is filled in too."""
    text = _catalog(_speaking.get()).ngettext(singular, plural, count)
    return text.format(count=count, **values)


def in_every_language(message: str) -> tuple[str, ...]:
    """`message` as each language writes it (English first), for grammars that accept a default's name in any."""
    return tuple(dict.fromkeys(_catalog(language).gettext(message) for language in LANGUAGES))


def N_(message: str) -> str:
    """Marks a text for the catalogs where it is defined; `tr` translates it where it is shown."""
    return message


@cache
def _babel_locale(language: str) -> Locale:
    return Locale.parse(language)


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    merged: gettext.NullTranslations = gettext.NullTranslations()
    folder = LOCALES_DIR / language
    if language == DEFAULT_LANGUAGE or not folder.is_dir():
        return merged
    catalogs = [_compiled(po) for po in sorted(folder.glob("*.po"))]
    if not catalogs:
        return merged
    first, *rest = catalogs
    for other in rest:
        first._catalog.update(other._catalog)  # type: ignore[attr-defined]
    return first


def _compiled(po: Path) -> gettext.GNUTranslations:
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.GNUTranslations(BytesIO(compile_po(po)))


def compile_po(po: Path) -> bytes:
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.name)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()
