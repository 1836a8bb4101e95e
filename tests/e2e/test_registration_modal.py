"""`/partner add` with no name: views.open, then a view_submission that creates (or refuses) the partner."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from storage.tables import Partner
from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text


def open_form(slack: Slack) -> dict[str, Any]:
    slack.command("add", response="form")
    call = slack.fake.wait_for("/api/views.open")[0]
    assert call.body["trigger_id"] == "trigger-form"
    return call.body["view"]


def submission(view: dict[str, Any], **values: Any) -> dict[str, Any]:
    """A view_submission payload as Slack sends it, with the inputs' submitted state."""

    def state(block_id: str, value: Any) -> dict[str, Any]:
        if block_id in ("type", "size", "alliance", "source"):
            return {"type": "static_select", "selected_option": value and {"value": value}}
        if block_id == "owner":
            return {"type": "users_select", "selected_user": value}
        return {"type": "plain_text_input", "value": value}

    return {
        "type": "view_submission",
        "team": {"id": "T1", "domain": "acme"},
        "user": {"id": "U01ANNA", "username": "anna", "team_id": "T1"},
        "api_app_id": "A1",
        "trigger_id": "trigger-submit",
        "view": {
            **view,
            "id": "V123",
            "team_id": "T1",
            "state": {"values": {block: {"value": state(block, value)} for block, value in values.items()}},
        },
    }


def test_add_without_name_opens_the_registration_modal(slack: Slack) -> None:
    view = open_form(slack)
    assert view["type"] == "modal" and view["callback_id"] == "partner_registration"
    assert [block["block_id"] for block in view["blocks"]] == [
        "name",
        "type",
        "size",
        "segment",
        "owner",
        "alliance",
        "source",
        "notes",
    ]
    owner = next(block for block in view["blocks"] if block["block_id"] == "owner")
    assert owner["element"]["type"] == "users_select" and owner["element"]["initial_user"] == "U01ANNA"
    assert json.loads(view["private_metadata"])["response_url"] == slack.fake.response_url("form")
    assert "/response/form" not in slack.fake.paths()


def test_submitting_the_form_creates_the_partner_and_confirms_in_channel(slack: Slack) -> None:
    view = open_form(slack)
    answer = slack.interaction(
        submission(
            view,
            name="  Ромашка  ",
            type="agency",
            size="small",
            segment="retail",
            owner="U02BOB",
            alliance="chain",
            source="events",
            notes="Met at the Warsaw meetup",
        )
    )
    assert (answer.status, answer.body) == (200, "")
    confirmation = slack.reply("form")
    assert confirmation["response_type"] == "in_channel"
    assert "Added Ромашка" in visible_text(confirmation) and "<@U02BOB>" in visible_text(confirmation)
    with Session(slack.engine) as session:
        partner = session.exec(select(Partner)).one()
    assert (partner.name, partner.type, partner.size, partner.owner, partner.alliance, partner.notes) == (
        "Ромашка",
        "agency",
        "small",
        "U02BOB",
        "chain",
        "Met at the Warsaw meetup",
    )
    assert partner.source == "events"


def test_duplicate_name_keeps_the_modal_open_with_an_inline_error(slack: Slack) -> None:
    slack.command("add ROMASHKA", response="first")
    slack.reply("first")
    view = open_form(slack)
    answer = slack.interaction(submission(view, name="romashka", type="agency"))
    assert answer.status == 200
    assert answer.json()["response_action"] == "errors"
    assert "already exists" in answer.json()["errors"]["name"]
    with Session(slack.engine) as session:
        assert len(session.exec(select(Partner)).all()) == 1


def test_blank_name_is_an_inline_error_and_nothing_is_stored(slack: Slack) -> None:
    view = open_form(slack)
    answer = slack.interaction(submission(view, name="   ", segment="x" * 81))
    errors = answer.json()["errors"]
    assert set(errors) == {"name", "segment"}
    with Session(slack.engine) as session:
        assert session.exec(select(Partner)).all() == []
