"""Matching what people type against the words the bot knows, in any script."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

_NO_DECOMPOSITION = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss"})


def fold(word: str) -> str:
    """Casefold, drop diacritics and unify separators: 'Wdrożenie' and 'wdrozenie' fold alike."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_NO_DECOMPOSITION))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "-".join(bare.replace("_", " ").replace("-", " ").split())


def closest(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The choices nearest to `word`, best first, compared on their folded forms."""
    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(fold(choice), choice)
    folded = fold(word)
    containing = [key for key in by_fold if folded and folded in key] if len(folded) >= 3 else []
    similar = difflib.get_close_matches(folded, list(by_fold), n=limit, cutoff=0.6)
    ranked = sorted(containing, key=lambda key: (not key.startswith(folded), len(key)))
    return [by_fold[key] for key in dict.fromkeys([*similar, *ranked])][:limit]
