"""The Russian and Polish catalogs of everything user-facing in `bot/`: what is missing and what is stale.

`python -m tests.catalog_views` lists the problems; `--update` adds the new texts (empty, to translate) to
`domain/locales/{ru,pl}/views.po` and drops texts the code no longer has. The unit test
`tests/unit/test_catalog_views.py` fails while any text of `bot/` has no translation; Babel's own checks
(`Catalog.check`: the number of plural forms, %-formats) run too.
"""

from __future__ import annotations

import re
import string
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from tests.catalog_commands import Elsewhere

ROOT = Path(__file__).resolve().parents[1]
AREA = ROOT / "bot"
KEYWORDS = {"tr": None, "trn": (1, 2), "N_": None}
LANGUAGES = ("ru", "pl")
MessageId = str | tuple[str, str]
_EMOJI = re.compile(r":[a-z0-9_+-]+:")


def catalog_path(language: str) -> Path:
    return ROOT / "domain" / "locales" / language / "views.po"


def extracted() -> dict[MessageId, list[str]]:
    """Every msgid of `bot/`, in the order the files and lines have them, with where each is used."""
    found: dict[MessageId, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(AREA, keywords=KEYWORDS):
        msgid = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(msgid, []).append(f"bot/{filename}:{lineno}")
    return found


def read_catalog(language: str) -> Catalog:
    with catalog_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _markup(text: str) -> tuple[int, int, list[str]]:
    """What must survive translation besides placeholders: code spans, bold and emoji codes."""
    return text.count("`"), text.count("*"), sorted(_EMOJI.findall(text))


def _translation_problems(msgid: MessageId, forms: list[str], language: str) -> list[str]:
    source = msgid if isinstance(msgid, str) else msgid[1]
    found = []
    for number, form in enumerate(forms):
        needed = _fields(source)
        if isinstance(msgid, tuple) and language == "pl" and number == 0:
            needed -= {"count"}  # Polish uses its first form for exactly one: "jeden partner" may spell it out
        allowed = _fields(source) | ({"count"} if isinstance(msgid, tuple) else set())
        if not needed <= _fields(form) <= allowed:
            found.append(f"{language}: placeholders differ in {form!r} for {msgid!r}")
        if _markup(form) != _markup(source):
            found.append(f"{language}: markup (` * :emoji:) differs in {form!r} for {msgid!r}")
    return found


def problems(language: str, wanted: dict[MessageId, list[str]] | None = None) -> list[str]:
    wanted = extracted() if wanted is None else wanted
    catalog = read_catalog(language)
    others = Elsewhere(language, ours=catalog_path(language).name)
    found: list[str] = []
    for msgid, places in wanted.items():
        message = catalog.get(msgid)
        if message is None and others.get(msgid) is not None:
            continue
        forms = [] if message is None else list(message.string) if message.pluralizable else [message.string]
        if message is None or not forms or not all(forms):
            found.append(f"{language}: untranslated {msgid!r} ({places[0]})")
        else:
            found += _translation_problems(msgid, forms, language)
    found += [f"{language}: {error} in {message.id!r}" for message, errors in catalog.check() for error in errors]
    stale = [message.id for message in catalog if message.id and message.id not in wanted]
    return found + [f"{language}: no longer used {msgid!r}" for msgid in stale]


def update(language: str, wanted: dict[MessageId, list[str]]) -> None:
    """The catalog with exactly the wanted msgids, in the code's order, keeping every translation made."""
    old = read_catalog(language)
    others = Elsewhere(language, ours=catalog_path(language).name)
    new = Catalog(locale=language, header_comment=old.header_comment, project="partnerbot", fuzzy=False)
    new.mime_headers = old.mime_headers
    for msgid in wanted:
        kept = old.get(msgid)
        if kept is None and others.get(msgid) is not None:
            continue
        if kept is not None:
            new.add(msgid, kept.string)
        else:
            new.add(msgid, ("", "", "") if isinstance(msgid, tuple) else "")
    write(language, new)


def write(language: str, catalog: Catalog) -> None:
    """The catalog written back under the short header the hand-made catalogs have (Babel's own is noisier)."""
    path = catalog_path(language)
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    buffer = BytesIO()
    write_po(buffer, catalog, width=0, omit_header=True, no_location=True)
    path.write_text(header + "\n\n" + buffer.getvalue().decode("utf-8").lstrip("\n"), encoding="utf-8")


def main(argv: list[str]) -> int:
    wanted = extracted()
    if "--update" in argv:
        for language in LANGUAGES:
            update(language, wanted)
    found = [problem for language in LANGUAGES for problem in problems(language, wanted)]
    print("\n".join(found) or f"{len(wanted)} texts, all translated into {', '.join(LANGUAGES)}.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
