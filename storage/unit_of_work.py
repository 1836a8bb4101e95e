"""One session per request or job, committed once, rolled back unless committed."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session

from storage.audit import Actor, act_as


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._session: Session | None = None
        self._on_begin: list[Callable[[Session], None]] = []
        self._actor: Actor | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside `with`")
        return self._session

    def on_begin(self, read: Callable[[Session], None]) -> UnitOfWork:
        """Runs `read` in the session as soon as it opens: what the whole request needs, in the same session."""
        self._on_begin.append(read)
        return self

    def acting(self, actor: Actor) -> UnitOfWork:
        """Whose changes these are, and where they entered: the audit trail records them so."""
        self._actor = actor
        return self

    def _begin(self, session: Session) -> None:
        if self._actor is not None:
            act_as(session, self._actor)
        for read in self._on_begin:
            read(session)

    def __enter__(self) -> UnitOfWork:
        self._session = Session(self._engine, expire_on_commit=False)
        self._begin(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session, self._session = self.session, None
        session.close()  # rolls back whatever was not committed; loaded objects stay readable

    def commit(self) -> None:
        self.session.commit()


class SharedTransaction:
    """One transaction around a whole command and its inbox entry, committed once by whoever opened it.

    Each unit of work the command opens runs in a savepoint of it: the command's `commit()` releases its
    savepoint, and leaving one without committing rolls just that savepoint back, as a unit of work of its
    own would. So the command's changes, its "done" mark and its stored answer commit together, or not at all.
    """

    def __init__(self, engine: Engine) -> None:
        self.session = Session(engine, expire_on_commit=False)

    def unit_of_work(self) -> UnitOfWork:
        return _SavepointUnitOfWork(self.session)

    def commit(self) -> None:
        self.session.commit()

    def close(self) -> None:
        self.session.close()


class _SavepointUnitOfWork(UnitOfWork):
    def __init__(self, session: Session) -> None:
        super().__init__(session.get_bind())  # type: ignore[arg-type]
        self._shared = session
        self._savepoint: SessionTransaction | None = None

    def __enter__(self) -> UnitOfWork:
        self._session = self._shared
        self._savepoint = self._shared.begin_nested()
        self._begin(self._shared)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._savepoint is not None and self._savepoint.is_active:
            self._savepoint.rollback()
        self._session = None

    def commit(self) -> None:
        assert self._savepoint is not None
        self._savepoint.commit()
