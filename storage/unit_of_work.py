"""One session per request or job, committed once, rolled back unless committed."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine
from sqlmodel import Session


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._session: Session | None = None
        self._on_begin: list[Callable[[Session], None]] = []
        self._before_commit: list[Callable[[Session], None]] = []

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside `with`")
        return self._session

    def on_begin(self, read: Callable[[Session], None]) -> UnitOfWork:
        """Runs `read` in the session as soon as it opens: what the whole request needs, in the same session."""
        self._on_begin.append(read)
        return self

    def before_commit(self, write: Callable[[Session], None]) -> UnitOfWork:
        """Runs `write` in the session just before it commits: what must commit together with the changes."""
        self._before_commit.append(write)
        return self

    def __enter__(self) -> UnitOfWork:
        self._session = Session(self._engine, expire_on_commit=False)
        for read in self._on_begin:
            read(self._session)
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
        for write in self._before_commit:
            write(self.session)
        self.session.commit()
