"""`/partner score`, `/partner ask` and `/partner rank` end to end: the questionnaire modal (one page or
two), its submission, the DM that asks a lead to answer, the ranking and the explanation of a score."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlmodel import Session, col, select

from bot.form_seal import SIGNATURE, TEAM, USER
from commands.context import Invocation
from commands.scoring.scorecards import load_scorecard_file
from domain.scorecard import DEFAULT_SCORECARD
from storage.scoring_tables import ScoreRequest, ScoreSubmission
from storage.unit_of_work import UnitOfWork
from tests.e2e.conftest import HttpAnswer, Slack
from tests.e2e.fake_slack import Call
from tests.e2e.messages import button_click, view_submission, visible_text

ANSWER_LABELS = ["5 — excellent", "4 — good", "3 — adequate", "2 — weak", "1 — poor"]
DEFAULT_KEYS = [criterion.key for criterion in DEFAULT_SCORECARD.criteria]
LONG_KEYS = [f"c{number:02}" for number in range(1, 31)]
BOB, CAT = "U02BOB", "U03CAT"
SLACK_ESCAPED_NAME = "&lt;!channel&gt; Co"  # what Slack sends when someone types `<!channel> Co`
OPAQUE_FIELDS = {"private_metadata", "value"}  # handed back to the app by Slack, never displayed


# --- talking to the app ------------------------------------------------------------------------


def run(slack: Slack, text: str, *, user: str = "U01ANNA") -> dict[str, Any]:
    """The reply to one `/partner` line, each line answered at its own response URL."""
    response = f"r{len(slack.fake.calls)}"
    slack.command(text, user=user, response=response)
    return slack.reply(response)


def add_partner(slack: Slack, name: str = "Acme") -> None:
    run(slack, f"add {name}")


def next_call(slack: Slack, path: str, action: Callable[[], object]) -> Call:
    """The call to `path` that `action` causes (the first one after those already recorded)."""
    before = slack.fake.paths().count(path)
    action()
    return slack.fake.wait_for(path, before + 1)[before]


def open_questionnaire(
    slack: Slack, name: str = "Acme", *, user: str = "U01ANNA", response: str = "form"
) -> dict[str, Any]:
    """The view `/partner score NAME` opens, as views.open received it."""
    call = next_call(slack, "/api/views.open", lambda: slack.command(f"score {name}", user=user, response=response))
    assert call.body["trigger_id"] == f"trigger-{response}"
    return call.body["view"]


def chosen(value: str | None) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": {"value": value} if value else None}


def page_state(
    view: dict[str, Any], answer: str | None = "4", *, comment: str | None = None, **answers: str | None
) -> dict[str, dict[str, Any]]:
    """The page's state as Slack submits it: every input block present, each criterion answered `answer`
    unless given by key (None = left unanswered)."""
    state: dict[str, dict[str, Any]] = {}
    for block in view["blocks"]:
        block_id = block.get("block_id", "")
        if block_id.startswith("q_"):
            state[block_id] = chosen(answers.get(block_id.removeprefix("q_"), answer))
        elif block_id == "comment":
            state[block_id] = {"type": "plain_text_input", "value": comment}
    return state


def submit(
    slack: Slack, view: dict[str, Any], state: dict[str, dict[str, Any]], *, user: str = "U01ANNA"
) -> HttpAnswer:
    return slack.interaction(view_submission(view, state, user=user))


def answer_questionnaire(slack: Slack, name: str, answer: str, *, user: str = "U01ANNA", **answers: str) -> None:
    """`/partner score NAME`, every criterion answered, and the confirmation received."""
    response = f"score{len(slack.fake.calls)}"
    view = open_questionnaire(slack, name, user=user, response=response)
    assert submit(slack, view, page_state(view, answer, **answers), user=user).body == ""
    slack.reply(response)


def load_thirty_criteria(slack: Slack, directory: Path) -> None:
    criteria = [
        {"key": key, "title": f"Criterion {key}", "help": f"1 = weak on {key} · 5 = strong on {key}", "weight": 1}
        for key in LONG_KEYS
    ]
    path = directory / "scorecard.yml"
    path.write_text(yaml.safe_dump({"criteria": criteria}, allow_unicode=True), encoding="utf-8")
    invocation = Invocation(
        "T1", "U01ANNA", datetime.now(UTC), ZoneInfo("Europe/Warsaw"), lambda: UnitOfWork(slack.engine)
    )
    load_scorecard_file(path, invocation)


# --- reading what the app sent -----------------------------------------------------------------


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    """The form's state as the app stored it, without its seal (which every opened form must carry, with the
    workspace and person it was opened for)."""
    stored = json.loads(view["private_metadata"])
    assert isinstance(stored.pop(SIGNATURE), str), "the form is sealed"
    assert stored.pop(TEAM) == "T1" and stored.pop(USER).startswith("U"), "the form is sealed for its opener"
    return stored


def question_ids(view: dict[str, Any]) -> list[str]:
    return [block["block_id"] for block in view["blocks"] if block.get("block_id", "").startswith("q_")]


def prefilled(view: dict[str, Any]) -> dict[str, str | None]:
    """Criterion key → the value of its initial option (None when not pre-filled)."""
    return {
        block["block_id"].removeprefix("q_"): (block["element"].get("initial_option") or {}).get("value")
        for block in view["blocks"]
        if block.get("block_id", "").startswith("q_")
    }


def assert_fits_slack_limits(view: dict[str, Any]) -> None:
    """Slack refuses the whole view (views.open → invalid_arguments) when one of these is exceeded."""
    assert len(view["blocks"]) <= 100
    assert len(view["title"]["text"]) <= 24 and len(view["submit"]["text"]) <= 24 and len(view["close"]["text"]) <= 24
    assert len(view["private_metadata"]) <= 3000 and len(view["callback_id"]) <= 255
    for block in view["blocks"]:
        assert len(block.get("block_id", "")) <= 255
        if block["type"] != "input":
            continue
        assert len(block["label"]["text"]) <= 2000 and len(block.get("hint", {}).get("text", "")) <= 2000
        for option in block["element"].get("options", []):
            assert len(option["text"]["text"]) <= 75 and len(option["value"]) <= 150


def stored_submissions(slack: Slack) -> list[ScoreSubmission]:
    with Session(slack.engine) as session:
        return list(session.exec(select(ScoreSubmission).order_by(col(ScoreSubmission.id))).all())


def direct_messages(slack: Slack, user: str) -> list[dict[str, Any]]:
    return [
        call.body for call in slack.fake.calls if call.method == "chat.postMessage" and call.body["channel"] == user
    ]


def shown(node: Any) -> Any:
    """A posted body without the fields Slack hands back to the app but never displays."""
    if isinstance(node, dict):
        return {key: shown(value) for key, value in node.items() if key not in OPAQUE_FIELDS}
    if isinstance(node, list):
        return [shown(item) for item in node]
    return node


# --- the questionnaire -------------------------------------------------------------------------


def test_score_opens_one_page_with_a_select_per_default_criterion_within_slack_limits(slack: Slack) -> None:
    add_partner(slack)
    view = open_questionnaire(slack)
    assert (view["type"], view["callback_id"], view["submit"]["text"]) == ("modal", "partner_score", "Submit")
    assert_fits_slack_limits(view)
    assert len(question_ids(view)) == 15 and view["title"]["text"] == "Score"
    assert view["blocks"][0]["type"] == "context" and "*Acme*" in visible_text([view["blocks"][0]])
    assert [block["block_id"] for block in view["blocks"][1:]] == [f"q_{key}" for key in DEFAULT_KEYS] + ["comment"]
    for block, criterion in zip(view["blocks"][1:-1], DEFAULT_SCORECARD.criteria, strict=True):
        element = block["element"]
        assert (element["type"], element["action_id"]) == ("static_select", "value")
        assert [option["text"]["text"] for option in element["options"]] == ANSWER_LABELS
        assert [option["value"] for option in element["options"]] == ["5", "4", "3", "2", "1"]
        assert (block["label"]["text"], block["hint"]["text"]) == (criterion.title, criterion.help)
        assert "initial_option" not in element
    assert view["blocks"][-1]["optional"] is True
    assert metadata(view) == {
        "response_url": slack.fake.response_url("form"),
        "channel_id": "C1",
        "partner": "Acme",
        "version": 0,
        "page": 0,
        "pages": 1,
        "carried": {},
        "comment": None,
    }
    assert "/response/form" not in slack.fake.paths() and stored_submissions(slack) == []


def test_answering_every_criterion_closes_the_modal_stores_the_answers_and_tells_the_rater_the_score(
    slack: Slack,
) -> None:
    add_partner(slack)
    view = open_questionnaire(slack)
    answer = submit(slack, view, page_state(view, "4", market="5", feedback="1", comment="Strong market, no loop"))
    assert (answer.status, answer.body) == (200, "")
    reply = slack.reply("form")
    assert reply["response_type"] == "ephemeral"
    text = visible_text(reply)
    assert "Thanks! Your answers give *Acme* 75/100." in text  # (3·5 + 24·4 + 1·1) / 28 = 4.0 → 75
    assert "*Score:* 75/100 · 1 rater · first score" in text
    assert "Strongest: Total addressable market (5.0)" in text and "Weakest: Feedback mechanisms (1.0)" in text
    [row] = stored_submissions(slack)
    assert (row.team_id, row.rater, row.scorecard_version) == ("T1", "U01ANNA", 0)
    assert row.comment == "Strong market, no loop"
    assert json.loads(row.answers_json) == {key: 4 for key in DEFAULT_KEYS} | {"market": 5, "feedback": 1}


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        ({"market": None, "training": None}, {"q_market": "Choose 1–5", "q_training": "Choose 1–5"}),
        ({"culture": "9"}, {"q_culture": "'9' is not 1–5"}),
    ],
    ids=["two-left-unanswered", "forged-answer"],
)
def test_every_unanswered_or_invalid_criterion_is_an_inline_error_and_nothing_is_stored(
    slack: Slack, answers: dict[str, str | None], errors: dict[str, str]
) -> None:
    add_partner(slack)
    view = open_questionnaire(slack)
    answer = submit(slack, view, page_state(view, "4", **answers))
    assert answer.status == 200 and answer.json()["response_action"] == "errors"
    shown_errors = answer.json()["errors"]
    assert set(shown_errors) == set(errors)
    assert all(words in shown_errors[block_id] for block_id, words in errors.items())
    assert stored_submissions(slack) == []


def test_thirty_criteria_are_asked_on_two_pages_and_stored_as_one_submission(slack: Slack, tmp_path: Path) -> None:
    add_partner(slack)
    load_thirty_criteria(slack, tmp_path)
    first = open_questionnaire(slack)
    assert_fits_slack_limits(first)
    assert (first["title"]["text"], first["submit"]["text"]) == ("Score (1/2)", "Next")
    assert question_ids(first) == [f"q_{key}" for key in LONG_KEYS[:20]]
    assert "comment" not in [block.get("block_id") for block in first["blocks"]]
    assert metadata(first) | {"carried": None} == {
        "response_url": slack.fake.response_url("form"),
        "channel_id": "C1",
        "partner": "Acme",
        "version": 1,
        "page": 0,
        "pages": 2,
        "carried": None,
        "comment": None,
    }

    update = submit(slack, first, page_state(first, "5"))
    assert update.status == 200 and update.json()["response_action"] == "update"
    second = update.json()["view"]
    assert_fits_slack_limits(second)
    assert (second["callback_id"], second["title"]["text"], second["submit"]["text"]) == (
        "partner_score",
        "Score (2/2)",
        "Submit",
    )
    assert question_ids(second) == [f"q_{key}" for key in LONG_KEYS[20:]]
    assert second["blocks"][-1]["block_id"] == "comment"
    carried = metadata(second)
    assert (carried["page"], carried["pages"], carried["response_url"]) == (1, 2, slack.fake.response_url("form"))
    assert carried["carried"] == {key: 5 for key in LONG_KEYS[:20]}
    assert stored_submissions(slack) == [] and "/response/form" not in slack.fake.paths()

    done = submit(slack, second, page_state(second, "1", comment="Half great, half poor"))
    assert (done.status, done.body) == (200, "")
    assert "Thanks! Your answers give *Acme* 67/100." in visible_text(slack.reply("form"))  # (20·100 + 10·0) / 30
    [row] = stored_submissions(slack)
    assert json.loads(row.answers_json) == {key: 5 for key in LONG_KEYS[:20]} | {key: 1 for key in LONG_KEYS[20:]}
    assert (row.scorecard_version, row.comment) == (1, "Half great, half poor")


def test_a_missing_answer_on_the_second_page_is_an_inline_error_there_and_nothing_is_stored(
    slack: Slack, tmp_path: Path
) -> None:
    add_partner(slack)
    load_thirty_criteria(slack, tmp_path)
    first = open_questionnaire(slack)
    second = submit(slack, first, page_state(first, "5")).json()["view"]
    answer = submit(slack, second, page_state(second, "3", c27=None))
    assert answer.json()["response_action"] == "errors" and set(answer.json()["errors"]) == {"q_c27"}
    assert stored_submissions(slack) == []


def test_reopening_the_questionnaire_prefills_the_raters_own_previous_answers(slack: Slack) -> None:
    add_partner(slack)
    mine = {key: str(5 - index % 5) for index, key in enumerate(DEFAULT_KEYS)}
    answer_questionnaire(slack, "Acme", "4", **mine)
    again = open_questionnaire(slack, response="again")
    assert prefilled(again) == mine
    for block in again["blocks"][1:-1]:
        assert block["element"]["initial_option"] in block["element"]["options"]  # Slack wants an exact match
    assert set(prefilled(open_questionnaire(slack, user=BOB, response="bob")).values()) == {None}


def test_previous_answers_prefill_both_pages_of_a_two_page_questionnaire(slack: Slack, tmp_path: Path) -> None:
    add_partner(slack)
    load_thirty_criteria(slack, tmp_path)
    first = open_questionnaire(slack)
    second = submit(slack, first, page_state(first, "2")).json()["view"]
    submit(slack, second, page_state(second, "3"))
    slack.reply("form")
    again = open_questionnaire(slack, response="again")
    assert set(prefilled(again).values()) == {"2"}
    second_again = submit(slack, again, page_state(again, None, **prefilled(again))).json()["view"]
    assert set(prefilled(second_again).values()) == {"3"}


# --- asking leads by DM ------------------------------------------------------------------------


def ask_bob_and_cat(slack: Slack) -> dict[str, Any]:
    """`/partner ask Acme @bob @cat` as Slack sends it; the asker's reply, once both DMs are out."""
    reply = run(slack, f"ask Acme <@{BOB}|bob> <@{CAT}|cat>")
    slack.fake.wait_for("/api/chat.postMessage", 2)
    return reply


def test_ask_tells_the_asker_who_was_asked_and_dms_each_lead_a_questionnaire_button(slack: Slack) -> None:
    add_partner(slack)
    reply = ask_bob_and_cat(slack)
    assert reply["response_type"] == "ephemeral"
    assert f"Asked <@{BOB}>, <@{CAT}> to score *Acme*" in visible_text(reply)
    for lead in (BOB, CAT):
        [dm] = direct_messages(slack, lead)
        assert "<@U01ANNA> asks you to score *Acme* as a partner: 15 questions" in visible_text(dm)
        assert "asks you to score" in dm["text"]  # the notification fallback
        [actions] = [block for block in dm["blocks"] if block["type"] == "actions"]
        [button] = actions["elements"]
        assert (button["type"], button["action_id"], button["value"]) == ("button", "score_open_questionnaire", "Acme")


def test_asking_a_lead_who_has_not_answered_yet_sends_no_second_dm(slack: Slack) -> None:
    add_partner(slack)
    ask_bob_and_cat(slack)
    again = run(slack, f"ask Acme <@{BOB}|bob>")
    assert f"Already waiting for <@{BOB}>." in visible_text(again) and "Asked" not in visible_text(again)
    with Session(slack.engine) as session:
        assert sorted(request.lead for request in session.exec(select(ScoreRequest)).all()) == [BOB, CAT]
    assert len(direct_messages(slack, BOB)) == 1


def test_the_dm_button_opens_the_questionnaire_and_the_answer_is_confirmed_by_dm(slack: Slack) -> None:
    add_partner(slack)
    ask_bob_and_cat(slack)
    [invitation] = direct_messages(slack, BOB)
    click = button_click(invitation, "score_open_questionnaire", user=BOB, trigger_id="trigger-dm")
    opened = next_call(slack, "/api/views.open", lambda: slack.interaction(click))
    assert opened.body["trigger_id"] == "trigger-dm"
    view = opened.body["view"]
    assert view["callback_id"] == "partner_score" and question_ids(view) == [f"q_{key}" for key in DEFAULT_KEYS]
    assert metadata(view)["partner"] == "Acme" and "response_url" not in metadata(view)

    confirmation = next_call(
        slack, "/api/chat.postMessage", lambda: submit(slack, view, page_state(view, "2"), user=BOB)
    )
    assert confirmation.body["channel"] == BOB
    assert "Thanks! Your answers give *Acme* 25/100." in visible_text(confirmation.body)
    [row] = stored_submissions(slack)
    assert row.rater == BOB and set(json.loads(row.answers_json).values()) == {2}


def test_ask_without_leads_shows_who_answered_and_who_is_still_waiting(slack: Slack) -> None:
    add_partner(slack)
    ask_bob_and_cat(slack)
    answer_questionnaire(slack, "Acme", "3", user=BOB)
    text = visible_text(run(slack, "ask Acme"))
    assert "*Questionnaire for Acme*" in text
    assert re.search(rf"<@{BOB}> — :white_check_mark: answered \d", text)
    assert re.search(rf"<@{CAT}> — :hourglass: waiting since \d", text)


# --- ranking and explaining --------------------------------------------------------------------


def test_rank_orders_partners_by_the_mean_of_their_raters_scores(slack: Slack) -> None:
    for name in ("Acme", "Globex", "Initech"):
        add_partner(slack, name)
    answer_questionnaire(slack, "Acme", "4")  # 75
    answer_questionnaire(slack, "Acme", "2", user=BOB)  # 25
    answer_questionnaire(slack, "Globex", "5")  # 100
    ranking = run(slack, "rank")
    assert ranking["blocks"][0]["text"]["text"] == "Ranking"
    text = visible_text(ranking)
    assert "1. *Globex* 100 (1 rater) new\n2. *Acme* 50 (2 raters) new" in text
    assert "1 partner(s) have no score yet." in text


def test_score_why_shows_each_criterions_points_adding_up_to_the_score_and_who_last_changed_it(slack: Slack) -> None:
    add_partner(slack)
    answer_questionnaire(slack, "Acme", "4")
    answer_questionnaire(slack, "Acme", "2", user=BOB)
    answer_questionnaire(slack, "Acme", "4", market="5")  # anna changes her mind on the market
    why = run(slack, "score Acme why")
    assert why["blocks"][0]["text"]["text"] == "Why Acme scores 51"  # anna (15 + 100) / 28 → 78, bob 25
    table = why["blocks"][1]["text"]["text"]
    assert table.startswith("```\nCriterion") and table.endswith("\n```")
    rows = table.strip("`\n").splitlines()[1:]
    assert len(rows) == len(DEFAULT_KEYS)
    assert re.search(r"^Total addressable market +11% +3\.5 +6\.7  4→5 \(<@U01ANNA>\)$", table, re.MULTILINE)
    assert re.search(r"^Technology fit +11% +3\.0 +5\.4\s*$", table, re.MULTILINE)
    points = [float(re.findall(r"\d+\.\d", row[34:])[1]) for row in rows]
    assert sum(points) == pytest.approx(51.3, abs=0.05 * len(rows))
    assert f"Raters: <@U01ANNA> 78 · <@{BOB}> 25" in visible_text(why)


# --- escaping ----------------------------------------------------------------------------------


def test_a_partner_name_can_never_ping_the_channel_from_any_scoring_message_or_modal(slack: Slack) -> None:
    add_partner(slack, SLACK_ESCAPED_NAME)
    view = open_questionnaire(slack, SLACK_ESCAPED_NAME)
    assert f"*{SLACK_ESCAPED_NAME}*" in visible_text([view["blocks"][0]])
    submit(slack, view, page_state(view, "4"))
    assert f"Your answers give *{SLACK_ESCAPED_NAME}* 75/100" in visible_text(slack.reply("form"))

    asked = run(slack, f'ask "{SLACK_ESCAPED_NAME}" <@{BOB}|bob>')
    assert f"to score *{SLACK_ESCAPED_NAME}*" in visible_text(asked)
    [invitation] = slack.fake.wait_for("/api/chat.postMessage")
    click = button_click(invitation.body, "score_open_questionnaire", user=BOB, trigger_id="trigger-dm")
    opened = next_call(slack, "/api/views.open", lambda: slack.interaction(click)).body["view"]
    next_call(slack, "/api/chat.postMessage", lambda: submit(slack, opened, page_state(opened, "2"), user=BOB))

    assert f"*Questionnaire for {SLACK_ESCAPED_NAME}*" in visible_text(run(slack, f'ask "{SLACK_ESCAPED_NAME}"'))
    assert f"1. *{SLACK_ESCAPED_NAME}* 50" in visible_text(run(slack, "rank"))
    assert f"Why {SLACK_ESCAPED_NAME} scores 50" in visible_text(run(slack, f"score {SLACK_ESCAPED_NAME} why"))
    assert len(stored_submissions(slack)) == 2

    displayed = json.dumps([shown(call.body) for call in slack.fake.calls], ensure_ascii=False)
    assert "<!channel>" not in displayed and "&amp;lt;" not in displayed
    # The raw name travels only where Slack hands it back to the app, which looks the partner up by it.
    assert metadata(view)["partner"] == "<!channel> Co" and click["actions"][0]["value"] == "<!channel> Co"
