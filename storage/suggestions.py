"""Candidate names for "did you mean …?" when a partner name is mistyped, read through an index.

Both engines: names sharing the typed name's longest possible prefix, ranges on the (team_id, name_key)
index. PostgreSQL, when too few share a prefix (the first letters were mistyped): trigram similarity
on `name_key` through the pg_trgm GIN index. Never every name.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, select

from domain.partner import name_key
from storage.tables import Partner

PER_PREFIX = 50
ENOUGH = 10
SIMILAR = 20
_TRIGRAMS: dict[int, str | None] = {}
TRIGRAM_SCHEMA = (
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
)


def _trigram_schema(session: Session) -> str | None:
    """Where pg_trgm lives (None: not installed); it may be off the search path, so its names are qualified."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    if id(engine) not in _TRIGRAMS:
        _TRIGRAMS[id(engine)] = session.execute(text(TRIGRAM_SCHEMA)).scalar()
    return _TRIGRAMS[id(engine)]


def _prefix_lengths(key: str) -> list[int]:
    """Longest first: a typo near the end keeps a long shared prefix, one near the start a short one."""
    lengths = (len(key) - 1, len(key) - 2, len(key) * 2 // 3, len(key) // 2, 4, 2, 1)
    return sorted({length for length in lengths if 0 < length < len(key) or length == len(key) == 1}, reverse=True)


def _by_prefix(session: Session, team_id: str, key: str) -> list[str]:
    names: list[str] = []
    for length in _prefix_lengths(key):
        prefix = key[:length]
        within = (col(Partner.name_key) >= prefix, col(Partner.name_key) < prefix + "\U0010ffff")
        query = (
            select(Partner.name)
            .where(Partner.team_id == team_id, *within)
            .order_by(col(Partner.name_key))
            .limit(PER_PREFIX)
        )
        names += session.exec(query).all()
        if len(names) >= ENOUGH:
            break
    return names


def _by_trigrams(session: Session, team_id: str, key: str, schema: str) -> list[str]:
    similar = Partner.name_key.op(f'OPERATOR("{schema}".%)')(key)  # type: ignore[attr-defined]
    similarity = getattr(func, schema).similarity(Partner.name_key, key)
    query = (
        select(Partner.name)
        .where(Partner.team_id == team_id, similar)
        .order_by(similarity.desc())
        .limit(SIMILAR)
    )
    return list(session.exec(query).all())


def suggestion_candidates(*, session: Session, team_id: str, name: str) -> list[str]:
    """At most a hundred-odd names of the workspace (archived too) that a mistyped `name` may have meant."""
    key = name_key(name) if name.strip() else ""
    if not key:
        return []
    found = _by_prefix(session, team_id, key)
    schema = _trigram_schema(session) if session.get_bind().dialect.name == "postgresql" else None
    if schema is not None and len(found) < ENOUGH:  # the first letters were mistyped: similar names anywhere
        found = _by_trigrams(session, team_id, key, schema) + found
    return list(dict.fromkeys(found))
