"""Candidate names for "did you mean …?" when a partner name is mistyped, read through an index.

PostgreSQL: trigram similarity on `name_key` (the pg_trgm GIN index). Both engines: names sharing
the typed name's first letters, a range on the (team_id, name_key) index. Never every name.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, select

from domain.partner import name_key
from storage.tables import Partner

PREFIXES = (4, 2, 1)
PER_PREFIX = 50
SIMILAR = 20
_TRIGRAMS: dict[int, bool] = {}


def _has_trigrams(session: Session) -> bool:
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    if id(engine) not in _TRIGRAMS:
        found = session.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
        _TRIGRAMS[id(engine)] = found is not None
    return _TRIGRAMS[id(engine)]


def _by_prefix(session: Session, team_id: str, key: str) -> list[str]:
    names: list[str] = []
    for prefix in dict.fromkeys(key[:length] for length in PREFIXES):
        within = (col(Partner.name_key) >= prefix, col(Partner.name_key) < prefix + "\U0010ffff")
        query = (
            select(Partner.name)
            .where(Partner.team_id == team_id, *within)
            .order_by(col(Partner.name_key))
            .limit(PER_PREFIX)
        )
        names += session.exec(query).all()
        if len(names) >= PER_PREFIX // 2:
            break
    return names


def _by_trigrams(session: Session, team_id: str, key: str) -> list[str]:
    query = (
        select(Partner.name)
        .where(Partner.team_id == team_id, Partner.name_key.op("%")(key))  # type: ignore[attr-defined]
        .order_by(func.similarity(Partner.name_key, key).desc())
        .limit(SIMILAR)
    )
    return list(session.exec(query).all())


def suggestion_candidates(*, session: Session, team_id: str, name: str) -> list[str]:
    """At most a hundred-odd names of the workspace (archived too) that a mistyped `name` may have meant."""
    key = name_key(name) if name.strip() else ""
    if not key:
        return []
    found = _by_prefix(session, team_id, key)
    if session.get_bind().dialect.name == "postgresql" and _has_trigrams(session):
        found = _by_trigrams(session, team_id, key) + found
    return list(dict.fromkeys(found))
