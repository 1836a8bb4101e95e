"""Loading a workspace's scorecard from YAML, and showing the one in use."""

from __future__ import annotations

from pathlib import Path

import yaml

from commands.context import Invocation
from domain.errors import PartnerbotError
from domain.language import tr, trn
from domain.scorecard import InvalidScorecard, Scorecard, load_scorecard
from storage import scoring as repository


def read_scorecard_file(path: Path) -> Scorecard:
    try:
        return read_scorecard_bytes(path.read_bytes(), str(path))
    except OSError as error:
        raise PartnerbotError(tr("Cannot read {path}: {reason}.", path=path, reason=error.strerror or error)) from None


def read_scorecard_bytes(content: bytes, name: str) -> Scorecard:
    """A scorecard from a YAML file's bytes (the CLI's file, or one uploaded in Slack), every problem named."""
    try:
        data = yaml.safe_load(content.decode("utf-8"))
    except UnicodeDecodeError:
        raise PartnerbotError(tr("{path} is not UTF-8 text; save it as UTF-8.", path=name)) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        refusal = (
            tr("{path} is not valid YAML at line {line}.", path=name, line=mark.line + 1)
            if mark is not None
            else tr("{path} is not valid YAML.", path=name)
        )
        raise InvalidScorecard(refusal) from None
    return load_scorecard(data)


def load_scorecard_file(path: Path, invocation: Invocation) -> tuple[int, Scorecard]:
    """Validates the whole file first; stores it as the workspace's next scorecard version."""
    return save_new_version(read_scorecard_file(path), invocation)


def save_new_version(scorecard: Scorecard, invocation: Invocation) -> tuple[int, Scorecard]:
    """Stores a validated scorecard as the workspace's next version (stored scores are recomputed with it)."""
    with invocation.unit_of_work() as uow:
        version = repository.save_scorecard(
            session=uow.session,
            team_id=invocation.team_id,
            scorecard=scorecard,
            now=invocation.now,
            user=invocation.user_id,
        )
        uow.commit()
    return version, scorecard.model_copy(update={"version": version})


def current_scorecard(invocation: Invocation) -> Scorecard:
    with invocation.unit_of_work() as uow:
        return repository.current_scorecard(session=uow.session, team_id=invocation.team_id)


def describe(scorecard: Scorecard) -> str:
    """The scorecard as text: version, then each criterion with its weight share and help."""
    count = len(scorecard.criteria)
    lines = [
        trn("the default scorecard: {count} criterion", "the default scorecard: {count} criteria", count)
        if scorecard.version == 0
        else trn("scorecard version {version}: {count} criterion", "scorecard version {version}: {count} criteria",
                 count, version=scorecard.version)
    ]
    for criterion in scorecard.criteria:
        share = criterion.weight / scorecard.total_weight * 100
        lines.append(f"  {criterion.key:<18} {share:5.1f}%  {criterion.title} — {criterion.help}")
    return "\n".join(lines)
