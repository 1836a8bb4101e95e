"""The Russian and Polish catalogs of the commands and domain texts (`domain/locales/<lang>/commands.po`).

Extracts every `tr` / `trn` / `N_` text of `domain/` and `commands/` with Babel and compares it with
the catalogs:

    python -m tests.catalog_commands update   # add new texts (untranslated), drop texts no longer used
    python -m tests.catalog_commands check    # list texts without a translation or with broken placeholders

`tests/unit/test_catalog_commands.py` runs the check, so a text added without its translations fails.
"""

from __future__ import annotations

import io
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "domain" / "locales"
LANGUAGES = ("ru", "pl")
AREA = ("domain", "commands")
KEYWORDS = {"tr": None, "trn": (1, 2), "N_": None}
SHARED = "common.po"
OURS = "commands.po"
# Texts of other parts of issue 13 / 14 that keep catalogs of their own.
NOT_OURS = ("commands/roles", "commands/audit", "commands/settings", "domain/language.py", "domain/locales")

MessageId = str | tuple[str, str]


def area_messages() -> dict[MessageId, list[str]]:
    """Every text of the area, with the places it is written (`commands/tokens.py:58`)."""
    found: dict[MessageId, list[str]] = {}
    for folder in AREA:
        for filename, line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
        ):
            where = f"{folder}/{filename}"
            if where.startswith(NOT_OURS) or not message:
                continue
            key: MessageId = message if isinstance(message, str) else (message[0], message[1])
            found.setdefault(key, []).append(f"{where}:{line}")
    return found


def read_catalog(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


class Elsewhere:
    """The language's other catalogs (common texts, and the texts other features keep in their own files)."""

    def __init__(self, language: str, ours: str = OURS) -> None:
        paths = sorted(path for path in (LOCALES / language).glob("*.po") if path.name != ours)
        self.catalogs = [read_catalog(path, language) for path in paths]

    def get(self, key: str | tuple[str, str]) -> Message | None:
        for catalog in self.catalogs:
            entry = catalog.get(key)
            if entry is not None and entry.string:
                return entry
        return None


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def problems(language: str) -> Iterator[str]:
    """What stops the area from being shown in `language`: missing texts, empty or broken translations."""
    ours = read_catalog(LOCALES / language / OURS, language)
    shared = Elsewhere(language)
    found = area_messages()
    keys = {message_id if isinstance(message_id, str) else message_id[0] for message_id in found}
    yield from (f"{language}: {entry.id!r} is no longer used; run update" for entry in ours if entry.id and
                (entry.id if isinstance(entry.id, str) else entry.id[0]) not in keys)
    for message_id, places in found.items():
        key = message_id if isinstance(message_id, str) else message_id[0]
        entry = ours.get(key) or shared.get(key)
        if entry is None:
            yield f"{language}: no entry for {message_id!r} ({places[0]})"
            continue
        yield from _entry_problems(language, message_id, entry, places[0])
    for error_message, errors in ((m, e) for m, e in ours.check()):
        yield from (f"{language}: {error_message.id!r}: {error}" for error in errors)


def _entry_problems(language: str, message_id: MessageId, entry: Message, place: str) -> Iterator[str]:
    sources = [message_id] if isinstance(message_id, str) else list(message_id)
    translations = [entry.string] if isinstance(entry.string, str) else list(entry.string)
    if isinstance(message_id, tuple) and len(translations) != 3:
        yield f"{language}: {message_id!r} needs three plural forms ({place})"
    wanted = set().union(*(placeholders(source) for source in sources))
    for translation in translations:
        if not translation:
            yield f"{language}: {message_id!r} is not translated ({place})"
        elif _placeholders_differ(message_id, translation, wanted):
            yield f"{language}: {message_id!r}: placeholders {sorted(placeholders(translation))} ≠ {sorted(wanted)}"
    if entry.fuzzy:
        yield f"{language}: {message_id!r} is marked fuzzy ({place})"


def _placeholders_differ(message_id: MessageId, translation: str, wanted: set[str]) -> bool:
    """A translation names only the source's placeholders; a plural form may leave `{count}` out (`один`)."""
    found = placeholders(translation)
    return bool(found - wanted) or (isinstance(message_id, str) and found != wanted)


def update(language: str) -> int:
    """Rewrites `commands.po` with the area's texts in source order, keeping every translation made."""
    path = LOCALES / language / OURS
    old = read_catalog(path, language) if path.exists() else Catalog(locale=language)
    shared = Elsewhere(language)
    new = Catalog(locale=language, fuzzy=False)
    added = 0
    for message_id, places in area_messages().items():
        key = message_id if isinstance(message_id, str) else message_id[0]
        if shared.get(key) is not None:
            continue
        known = old.get(key)
        translation = known.string if known is not None else ("" if isinstance(message_id, str) else ("", "", ""))
        added += known is None
        new.add(message_id, translation, locations=[(place.split(":")[0], None) for place in places[:1]])
    body = io.BytesIO()
    write_po(body, new, width=120, omit_header=True, include_lineno=False, sort_output=False)
    path.write_bytes(_header(language) + b"\n" + body.getvalue().lstrip(b"\n"))
    return added


def _header(language: str) -> bytes:
    """`common.po`'s header (its Plural-Forms above all), named for this catalog."""
    shared = (LOCALES / language / SHARED).read_text(encoding="utf-8")
    header = shared.split("\n\n", 1)[0].split("\n")
    header[0] = f"# partnerbot: commands and domain texts ({language})."
    return ("\n".join(header) + "\n").encode()


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for language in LANGUAGES:
            print(f"{language}: {update(language)} new texts")
        return 0
    if argv[:1] == ["check"]:
        found = [problem for language in LANGUAGES for problem in problems(language)]
        print("\n".join(found) or "Every text is translated.")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
