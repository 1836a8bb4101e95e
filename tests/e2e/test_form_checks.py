"""Forms trusted only as far as the app can vouch for them: sealed private_metadata (a changed or borrowed
one is refused with 400 and runs nothing), answers checked against the scorecard before anything commits,
and a stall form rewriting the alert where it was stored, whatever the form claims."""

from __future__ import annotations

import json
from typing import Any

import pytest
from slack_sdk.models.views import View
from sqlmodel import Session, select

from bot.form_seal import SIGNATURE
from storage.tables import Feedback
from tests.e2e.conftest import Slack, sealed
from tests.e2e.messages import view_submission, visible_text
from tests.e2e.test_digest_alerts_and_home import ANNA, POSTED_TS, choose, post_summary, summary_alert_id
from tests.e2e.test_scoring_flow import (
    add_partner,
    chosen,
    open_questionnaire,
    page_state,
    run,
    stored_submissions,
    submit,
)


def with_metadata(view: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The view as a user could hand it back: its metadata changed, its seal kept."""
    stored = json.loads(view["private_metadata"])
    return {**view, "private_metadata": json.dumps({**stored, **changes})}


def resealed(view: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The view with its metadata changed and sealed again with the app's key: what the checks behind the
    seal must still refuse (e.g. a form opened before a scorecard changed)."""
    stored = {key: value for key, value in json.loads(view["private_metadata"]).items() if key != SIGNATURE}
    return sealed(View(**{**view, "private_metadata": json.dumps({**stored, **changes})}))


@pytest.mark.parametrize(
    "change",
    [
        {"carried": {"market": 999}},
        {"partner": "Globex"},
        {"response_url": "http://127.0.0.1:1/elsewhere"},
        {SIGNATURE: "forged"},
    ],
    ids=["carried-999", "other-partner", "response-url", "forged-seal"],
)
def test_a_questionnaire_whose_metadata_was_changed_is_refused_with_400_and_stores_nothing(
    slack: Slack, change: dict[str, Any]
) -> None:
    add_partner(slack)
    add_partner(slack, "Globex")
    view = open_questionnaire(slack)
    answer = submit(slack, with_metadata(view, **change), page_state(view, "4"))
    assert answer.status == 400 and "private_metadata" in answer.body
    assert stored_submissions(slack) == []


def test_metadata_sealed_for_one_form_is_refused_in_another(slack: Slack) -> None:
    add_partner(slack)
    view = open_questionnaire(slack)
    borrowed = {**view, "callback_id": "partner_feedback"}
    state = {"csat": chosen("5"), "text": {"type": "plain_text_input", "value": "fine"}}
    assert slack.interaction(view_submission(borrowed, state)).status == 400
    with Session(slack.engine) as session:
        assert session.exec(select(Feedback)).all() == []


@pytest.mark.parametrize("answer", ["²", "５", "0", "6", "4.0", " "])
def test_an_answer_that_is_not_ascii_1_to_5_is_an_inline_error_and_stores_nothing(slack: Slack, answer: str) -> None:
    add_partner(slack)
    view = open_questionnaire(slack)
    refused = submit(slack, view, page_state(view, "4", market=answer))
    assert refused.status == 200 and refused.json()["response_action"] == "errors"
    assert set(refused.json()["errors"]) == {"q_market"}
    assert stored_submissions(slack) == []


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"carried": {"no_such_criterion": 4}}, "Not criteria of this scorecard: 'no_such_criterion'"),
        ({"carried": {"market": 999}}, "Answers must be 1–5; not so for market"),
        ({"carried": {"market": "²"}}, "Answers must be 1–5; not so for market"),
        ({"version": 7}, "The scorecard changed while you answered"),
    ],
)
def test_answers_the_scorecard_does_not_allow_are_refused_before_anything_is_stored(
    slack: Slack, change: dict[str, Any], says: str
) -> None:
    add_partner(slack)
    view = open_questionnaire(slack)
    questions = [block for block in view["blocks"] if block.get("block_id") != "q_market"]
    without_market = resealed({**view, "blocks": questions}, **change)
    refused = submit(slack, without_market, page_state(without_market, "4"))
    assert refused.status == 200 and refused.json()["response_action"] == "errors"
    assert says in " ".join(refused.json()["errors"].values())
    assert stored_submissions(slack) == []


def test_a_last_page_that_leaves_criteria_unanswered_is_refused_and_stores_nothing(slack: Slack) -> None:
    add_partner(slack)
    view = open_questionnaire(slack)
    short = resealed({**view, "blocks": [b for b in view["blocks"] if b.get("block_id") != "q_finance"]})
    refused = submit(slack, short, page_state(short, "4"))
    assert "Unanswered criteria: finance" in " ".join(refused.json()["errors"].values())
    assert stored_submissions(slack) == []


def test_an_inline_score_with_a_superscript_digit_is_refused_clearly(slack: Slack) -> None:
    add_partner(slack)
    reply = visible_text(run(slack, "score Acme market=4 finance=²"))
    assert "1–5" in reply and "went wrong" not in reply
    assert stored_submissions(slack) == []


def test_the_snooze_form_rewrites_the_summary_where_it_was_posted_not_where_the_form_says(slack: Slack) -> None:
    summary = post_summary(slack)
    view = choose(slack, summary, f"snooze:{summary_alert_id(slack)}")
    elsewhere = resealed(view, channel="CELSEWHERE", ts="1111111111.000100")
    state = {"reason": {"type": "plain_text_input", "value": "waiting for legal"}}
    assert slack.interaction(view_submission(elsewhere, state)).status == 200
    [update] = slack.fake.wait_for("/api/chat.update")
    assert (update.body["channel"], update.body["ts"]) == (summary.body["channel"], POSTED_TS)
    assert update.body["channel"] != "CELSEWHERE"


def test_the_advance_form_rewrites_the_summary_where_it_was_posted_not_where_the_form_says(slack: Slack) -> None:
    summary = post_summary(slack)
    view = choose(slack, summary, f"advance:{summary_alert_id(slack)}")
    elsewhere = resealed(view, channel="CELSEWHERE", ts="1111111111.000100")
    state = {"stage": chosen("support"), "note": {"type": "plain_text_input", "value": None}}
    assert slack.interaction(view_submission(elsewhere, state)).status == 200
    [update] = slack.fake.wait_for("/api/chat.update")
    assert update.body["channel"] == summary.body["channel"] != "CELSEWHERE"
    assert f"moved to Support by <@{ANNA}>" in visible_text(update.body)
