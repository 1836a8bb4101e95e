"""Insert a row unless its unique key is already taken: the claim that keeps jobs from running twice."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

Row = TypeVar("Row", bound=SQLModel)


def insert_once(*, session: Session, row: Row) -> Row | None:
    """Inserts `row`; None when another transaction already holds its unique key.

    The row is added inside the savepoint: begin_nested() flushes what is pending *before* the
    SAVEPOINT, so a row added earlier would hit the unique key outside it and abort the whole
    transaction. On a clash the savepoint's rollback takes `row` out of the session again.
    """
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return None
    return row
