"""A small thread-safe cache whose answers expire, and which never holds more than a bound.

The people and channel caches are keyed by user and channel: in a long-running worker of a large organisation
every member ever looked up would otherwise stay, expired, until the process ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
MAX_ENTRIES = 5_000


class ExpiringCache(Generic[K, V]):
    def __init__(
        self, seconds: float, *, clock: Callable[[], float] = time.monotonic, max_entries: int = MAX_ENTRIES
    ) -> None:
        self._seconds = seconds
        self._clock = clock
        self._max_entries = max_entries
        self._entries: dict[K, tuple[float, V]] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> tuple[bool, V | None]:
        """(True, value) while the value is fresh; (False, None) when absent or expired."""
        with self._lock:
            entry = self._entries.get(key)
        if entry is None or self._clock() >= entry[0]:
            return False, None
        return True, entry[1]

    def put(self, key: K, value: V) -> None:
        """Keeps the value; when full, drops the expired answers first, then the oldest kept."""
        now = self._clock()
        with self._lock:
            self._entries.pop(key, None)
            self._entries[key] = (now + self._seconds, value)
            if len(self._entries) > self._max_entries:
                for stale in [k for k, (expires, _) in self._entries.items() if expires <= now]:
                    del self._entries[stale]
            while len(self._entries) > self._max_entries:
                del self._entries[next(iter(self._entries))]

    def __len__(self) -> int:
        return len(self._entries)
