"""`/partner scorecard` (admins): the scorecard in use as an editable form, or a YAML file uploaded in its place.

Either way the whole scorecard is validated first, with every problem named on the form, and saved as the
workspace's next version exactly as `partnerbot scorecard load` saves one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from commands.context import Invocation
from commands.replies import FormRejected, Notice, Reply
from commands.replies.scorecard_form import CriterionLine, ScorecardForm
from commands.scoring.scorecards import current_scorecard, read_scorecard_bytes, save_new_version
from commands.tokens import ParseError, Token
from domain.errors import PartnerbotError
from domain.language import tr, trn
from domain.scorecard import Scorecard, load_scorecard

SEPARATOR = "|"
NEW_CRITERIA = "new_criteria"
"""The form's field for criteria to add, one `key | weight | question | help` a line."""
YAML_FILE = "yaml_file"
CRITERION_PREFIX = "criterion:"
MAX_YAML_BYTES = 200_000


@dataclass(frozen=True)
class OpenScorecard:
    pass


def parse_scorecard(tokens: list[Token]) -> OpenScorecard:
    if tokens:
        raise ParseError(tr("`/partner scorecard` takes nothing more: it opens the scorecard as a form."))
    return OpenScorecard()


def open_scorecard(command: OpenScorecard, invocation: Invocation) -> Reply:
    del command
    scorecard = current_scorecard(invocation)
    lines = tuple(
        CriterionLine(c.key, f" {SEPARATOR} ".join((_weight(c.weight), c.title, c.help))) for c in scorecard.criteria
    )
    return Reply(modal=ScorecardForm(scorecard.version, lines))


def _weight(weight: float) -> str:
    return f"{weight:g}"


def submit_scorecard_form(values: dict[str, str | None], invocation: Invocation) -> Reply:
    """The edited lines (an emptied line drops its criterion) and the new ones, validated as one scorecard."""
    criteria: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    for field, value in values.items():
        if field.startswith(CRITERION_PREFIX) and value and value.strip():
            key = field.removeprefix(CRITERION_PREFIX)
            try:
                criteria.append(_criterion(key, value))
            except PartnerbotError as error:
                errors[field] = error.message
    for number, line in enumerate((values.get(NEW_CRITERIA) or "").splitlines(), 1):
        if line.strip():
            try:
                key, _, rest = line.partition(SEPARATOR)
                criteria.append(_criterion(key, rest))
            except PartnerbotError as error:
                errors.setdefault(NEW_CRITERIA, tr("Line {number}: {problem}", number=number, problem=error.message))
    if errors:
        raise FormRejected(errors)
    try:
        scorecard = load_scorecard({"criteria": criteria})
    except PartnerbotError as error:
        raise FormRejected({NEW_CRITERIA: error.message[:1900]}) from None
    return _saved(scorecard, invocation)


def submit_scorecard_file(content: bytes, name: str, invocation: Invocation) -> Reply:
    """A YAML file uploaded on the form, in the CLI's format, in place of the lines."""
    if len(content) > MAX_YAML_BYTES:
        raise FormRejected({YAML_FILE: tr("That file is too big for a scorecard; keep it under 200 KB.")})
    try:
        scorecard = read_scorecard_bytes(content, name)
    except PartnerbotError as error:
        raise FormRejected({YAML_FILE: error.message[:1900]}) from None
    return _saved(scorecard, invocation)


def _criterion(key: str, line: str) -> dict[str, Any]:
    """`weight | question | help` → the criterion's fields; the help may itself hold `|`."""
    parts = [part.strip() for part in line.split(SEPARATOR)]
    if len(parts) < 3 or not all(parts[:3]) or not key:
        raise PartnerbotError(tr("Write it as `weight | question | what 1 and 5 mean`."))
    try:
        weight = float(parts[0].replace(",", "."))
    except ValueError:
        problem = tr("'{weight}' is not a weight; give a number such as 2 or 1.5.", weight=parts[0])
        raise PartnerbotError(problem) from None
    help_text = f" {SEPARATOR} ".join(parts[2:])
    return {"key": key.strip().casefold(), "weight": weight, "title": parts[1], "help": help_text}


def _saved(scorecard: Scorecard, invocation: Invocation) -> Reply:
    version, saved = save_new_version(scorecard, invocation)
    count = trn("{count} criterion", "{count} criteria", len(saved.criteria))
    text = tr("Scorecard version {version} saved: {count}.", version=version, count=count)
    return Reply(Notice(text, tone="success"))
