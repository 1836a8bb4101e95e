"""The build hook: catalogs are checked and compiled to `.mo` before the package's files are collected."""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from domain.catalogs import compile_all

        compile_all()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})
