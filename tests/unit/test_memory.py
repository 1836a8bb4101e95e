"""A serving process caps glibc's malloc arenas (where there is glibc), unless the environment chose, and freezes
its start-up objects out of the garbage collector."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from bot.memory import limit_malloc_arenas


def test_the_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt's arena limit is glibc's")
def test_glibc_takes_the_limit() -> None:
    script = "import os; os.environ.pop('MALLOC_ARENA_MAX', None)\nfrom bot.memory import limit_malloc_arenas\n"
    script += "assert limit_malloc_arenas()"
    subprocess.run([sys.executable, "-c", script], check=True)


def test_start_up_objects_are_frozen_out_of_the_collector() -> None:
    script = "import gc\nfrom bot.memory import freeze_start_up\nfreeze_start_up()\nassert gc.get_freeze_count() > 1000"
    subprocess.run([sys.executable, "-c", script], check=True)
