"""`/partner scorecard` over signed HTTP: the scorecard as an editable form, or a YAML file uploaded on it."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from storage.scoring import current_scorecard
from storage.scoring_tables import ScorecardVersion
from tests.e2e.conftest import Slack
from tests.e2e.messages import view_submission, visible_text

YAML = """criteria:
  - {key: fit, title: Product fit, help: "1 = none · 5 = perfect", weight: 3}
  - {key: reach, title: Market reach, help: "1 = local · 5 = global", weight: 2}
  - {key: trust, title: Trust, help: "1 = doubtful · 5 = proven", weight: 1}
""".encode()


def open_form(slack: Slack, user: str = "U01ANNA") -> dict[str, Any]:
    slack.command("scorecard", user=user, response="scorecard")
    return slack.fake.wait_for("/api/views.open")[0].body["view"]


def lines_of(view: dict[str, Any]) -> dict[str, str]:
    """Each criterion's line as the form shows it, by block id."""
    return {
        block["block_id"]: block["element"]["initial_value"]
        for block in view["blocks"]
        if block.get("block_id", "").startswith("criterion:")
    }


def submit(slack: Slack, view: dict[str, Any], values: dict[str, str], files: list[dict[str, Any]] | None = None):
    states: dict[str, dict[str, Any]] = {k: {"type": "plain_text_input", "value": v} for k, v in values.items()}
    if files is not None:
        states["yaml_file"] = {"type": "file_input", "files": files}
    return slack.interaction(view_submission(view, states))


def versions(slack: Slack) -> list[int]:
    with Session(slack.engine) as session:
        return [row.version for row in session.exec(select(ScorecardVersion)).all()]


def test_the_form_shows_each_criterion_and_saving_it_edited_makes_a_new_version(slack: Slack) -> None:
    view = open_form(slack)
    assert view["callback_id"] == "scorecard_form"
    lines = lines_of(view)
    assert lines["criterion:market"].startswith("3 | Total addressable market | 1 = small")
    lines["criterion:market"] = "5 | Total addressable market | 1 = tiny · 5 = huge"
    lines["criterion:culture"] = ""
    lines["new_criteria"] = "pilot | 1,5 | Pilot success | 1 = failed · 5 = beyond plan"
    answer = submit(slack, view, lines)
    assert (answer.status, answer.body) == (200, "")
    assert versions(slack) == [1]
    with Session(slack.engine) as session:
        scorecard = current_scorecard(session=session, team_id="T1")
    assert scorecard.criterion("market").weight == 5  # type: ignore[union-attr]
    assert scorecard.criterion("culture") is None
    assert scorecard.criterion("pilot").weight == 1.5  # type: ignore[union-attr]
    assert "Scorecard version 1 saved: 15 criteria." in visible_text(slack.reply("scorecard"))


def test_a_bad_line_is_named_on_the_form_and_nothing_is_saved(slack: Slack) -> None:
    view = open_form(slack)
    lines = lines_of(view)
    lines["criterion:finance"] = "heavy | Financial health | 1 = weak · 5 = strong"
    lines["new_criteria"] = "only-a-key"
    answer = submit(slack, view, lines)
    errors = answer.json()["errors"]
    assert errors["criterion:finance"] == "'heavy' is not a weight; give a number such as 2 or 1.5."
    assert errors["new_criteria"].startswith("Line 1: Write it as `weight | question")
    assert versions(slack) == []


def test_a_yaml_file_uploaded_on_the_form_replaces_the_scorecard(slack: Slack) -> None:
    slack.fake.add_file("F0YAML", "scorecard.yml", YAML)
    view = open_form(slack)
    answer = submit(slack, view, {}, files=[{"id": "F0YAML", "name": "scorecard.yml", "filetype": "yaml"}])
    assert (answer.status, answer.body) == (200, "")
    with Session(slack.engine) as session:
        assert current_scorecard(session=session, team_id="T1").keys == ("fit", "reach", "trust")
    [download] = [call for call in slack.fake.calls if call.path.startswith("/files-pri/")]
    assert download.headers["Authorization"] == "Bearer xoxb-test"
    assert [call.body["file"] for call in slack.fake.calls if call.method == "files.info"] == ["F0YAML"]


def test_an_invalid_yaml_file_is_refused_on_the_form_with_every_problem(slack: Slack) -> None:
    slack.fake.add_file("F0BAD", "bad.yml", b"criteria:\n  - {key: fit, title: Fit, help: x, weight: -1}\n")
    view = open_form(slack)
    errors = submit(slack, view, {}, files=[{"id": "F0BAD", "name": "bad.yml"}]).json()["errors"]
    assert "The scorecard was refused" in errors["yaml_file"]
    assert "criterion 1.weight" in errors["yaml_file"]
    assert versions(slack) == []


def test_only_admins_open_the_scorecard(slack: Slack) -> None:
    slack.command("scorecard", user="U05BOB", response="bob")
    assert "Changing the scorecard needs the admin role" in visible_text(slack.reply("bob"))
    assert "/api/views.open" not in slack.fake.paths()
