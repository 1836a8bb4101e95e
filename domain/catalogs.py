"""`python -m domain.catalogs compile|check`: the `.po` catalogs checked and compiled to `.mo` with Babel.

Run by `dev.py` before it starts or tests the bot, and by the package build (setup.py), so a wheel carries
compiled catalogs. A catalog that does not parse, a translation whose `{placeholders}` are not its English
text's, or a counted text without exactly the language's number of plural forms stops the build: at run time
each would be a KeyError or a wrong form in front of a user.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from domain.language import LOCALES_DIR

_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}(?!\})")


class CatalogError(Exception):
    pass


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _forms(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, list | tuple) else (message.string,)


def problems(catalog: Catalog, source: str) -> Iterator[str]:
    """Every placeholder mismatch and wrong count of plural forms, one line each."""
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, list | tuple) else (message.id,)
        english = set().union(*(placeholders(text) for text in ids))
        forms = _forms(message)
        given = sum(1 for form in forms if form)  # Babel pads the forms a catalog leaves out with ""
        if message.pluralizable and given and given != catalog.num_plurals:
            yield f"{source}:{message.lineno}: {given} plural forms, {catalog.locale} has {catalog.num_plurals}"
        for form in filter(None, forms):
            unknown = placeholders(form) - english
            dropped = english - placeholders(form) - ({"count"} if message.pluralizable else set())
            if unknown:
                yield f"{source}:{message.lineno}: unknown placeholder(s) {sorted(unknown)} in {form!r}"
            if dropped:
                yield f"{source}:{message.lineno}: placeholder(s) {sorted(dropped)} dropped in {form!r}"


def read_catalog(po: Path) -> Catalog:
    try:
        with po.open("rb") as handle:
            return read_po(handle, locale=po.parent.name, abort_invalid=True)
    except (PoFileError, ValueError) as error:
        raise CatalogError(f"{po}: {error}") from error


def check(folder: Path = LOCALES_DIR) -> list[str]:
    found = []
    for po in sorted(folder.glob("*/*.po")):
        try:
            found.extend(problems(read_catalog(po), str(po)))
        except CatalogError as error:
            found.append(str(error))
    return found


def compile_all(folder: Path = LOCALES_DIR) -> list[Path]:
    """Checks every catalog, then writes each `.mo` beside its `.po`; raises CatalogError listing the problems."""
    found = check(folder)
    if found:
        raise CatalogError("the catalogs have problems:\n" + "\n".join(found))
    written = []
    for po in sorted(folder.glob("*/*.po")):
        mo = po.with_suffix(".mo")
        with mo.open("wb") as handle:
            write_mo(handle, read_catalog(po), use_fuzzy=False)
        written.append(mo)
    return written


def main(argv: list[str]) -> int:
    if argv not in (["compile"], ["check"]):
        print("usage: python -m domain.catalogs compile|check", file=sys.stderr)
        return 2
    try:
        if argv == ["check"]:
            found = check()
            print("\n".join(found) or "catalogs: no problems")
            return 1 if found else 0
        written = compile_all()
    except CatalogError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"catalogs: {len(written)} compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
