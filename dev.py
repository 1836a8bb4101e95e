#!/usr/bin/env python3
"""Set-up in one command on a fresh clone: a virtualenv in .venv, the project installed into it, then

    python3 dev.py start   # the bot: Socket Mode with Slack tokens, else the offline console with sample data
    python3 dev.py test    # ruff, then the whole test suite (extra arguments go to pytest)

Both compile the message catalogs first (`python -m domain.catalogs compile`).

Only Python 3.11+ is needed; the virtualenv is re-installed when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".partnerbot-installed"


def venv_bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def ensure_installed() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not venv_bin("python").exists():
        print("Creating .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing partnerbot and its test tools into .venv …", flush=True)
    python = str(venv_bin("python"))
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


def run(command: list[str]) -> int:
    return subprocess.run(command, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script runs before the requirement is checked)
        print("partnerbot needs Python 3.11 or newer.", file=sys.stderr)
        return 2
    if not argv or argv[0] not in ("start", "test"):
        print(__doc__)
        return 2
    ensure_installed()
    catalogs = run([str(venv_bin("python")), "-m", "domain.catalogs", "compile"])
    if catalogs:
        return catalogs
    if argv[0] == "start":
        return run([str(venv_bin("partnerbot")), "start", *argv[1:]])
    lint = run([str(venv_bin("ruff")), "check", "."])
    tests = run([str(venv_bin("python")), "-m", "pytest", *argv[1:]])
    return tests or lint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
