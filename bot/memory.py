"""Memory settings of a serving process: fewer malloc arenas, and start-up's objects out of the collector's way.

glibc gives each thread that allocates its own arena (up to eight per core) and keeps what each one held at
its busiest: a worker with eight HTTP threads, eight listener threads and the scheduler's grew ~30 MiB of
arenas at 100,000 partners (bench/worker.py). Two arenas keep allocation fast enough for threads that mostly
wait on Slack and the database. `MALLOC_ARENA_MAX` in the environment, read before start-up, wins.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os

M_ARENA_MAX = -8
"""mallopt's parameter number for the arena limit (malloc.h)."""
SERVING_ARENAS = 2


def limit_malloc_arenas(arenas: int = SERVING_ARENAS) -> bool:
    """Caps glibc's arenas for the threads started from now on; False where there is no glibc (musl, macOS)
    or the environment already chose."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_ARENA_MAX, arenas))


def freeze_start_up() -> None:
    """Moves every object alive after start-up (modules, the app, catalogs, compiled queries) out of the
    garbage collector's generations: a full collection then scans only what requests made since, instead of
    pausing a request for ~0.3 s over a million start-up objects that never become garbage."""
    gc.collect()
    gc.freeze()
