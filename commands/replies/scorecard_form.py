"""The scorecard form `/partner scorecard` opens: each criterion as one editable line, room for new ones, and an
optional YAML file in place of all of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CriterionLine:
    key: str
    line: str
    """`weight | question | what 1 and 5 mean`, as the admin edits it."""


@dataclass(frozen=True)
class ScorecardForm:
    version: int
    criteria: tuple[CriterionLine, ...]
