"""The partner card's buttons over signed HTTP: each opens its form, and a submitted form runs its command."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from storage.journey_tables import PartnerEdit, Touchpoint
from storage.tables import KpiValue, Partner, StageMove
from tests.e2e.conftest import Slack
from tests.e2e.messages import button_click, view_submission, visible_text

BUTTONS = ["card_advance", "card_log", "card_feedback", "card_kpi", "card_score", "card_edit"]


def card(slack: Slack, name: str, response: str = "card") -> dict[str, Any]:
    slack.command(f"show {name}", response=response)
    return slack.reply(response)


def click(slack: Slack, message: dict[str, Any], action_id: str, *, user: str = "U01ANNA") -> dict[str, Any]:
    opened = slack.fake.paths().count("/api/views.open")
    payload = button_click(message, action_id, user=user, trigger_id=f"trigger-{action_id}")
    payload["response_url"] = slack.fake.response_url(f"after-{action_id}")
    assert slack.interaction(payload).status == 200
    return slack.fake.wait_for("/api/views.open", opened + 1)[opened].body["view"]


def submit(slack: Slack, view: dict[str, Any], state: dict[str, dict[str, Any]]) -> None:
    answer = slack.interaction(view_submission(view, state))
    assert (answer.status, answer.body) == (200, "")


def text_input(value: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def choice(value: str) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": {"value": value}}


def test_the_card_has_six_buttons_and_each_opens_its_form(slack: Slack) -> None:
    slack.command('add "Acme <&> Co"', response="add")
    slack.reply("add")
    message = card(slack, '"Acme <&> Co"')
    actions = [e["action_id"] for block in message["blocks"] for e in block.get("elements", []) if "action_id" in e]
    assert actions == BUTTONS
    callbacks = [click(slack, message, action_id)["callback_id"] for action_id in BUTTONS]
    assert callbacks == ["card_form", "card_form", "partner_feedback", "card_form", "partner_score", "card_form"]
    views = [call.body["view"] for call in slack.fake.wait_for("/api/views.open", len(BUTTONS))]
    forms = [json.loads(view["private_metadata"]).get("form") for view in views]
    assert forms == ["advance", "log", None, "kpi", None, "edit"]
    assert all(json.loads(views[n]["private_metadata"])["partner"] == "Acme <&> Co" for n in (0, 1, 3, 5))


def test_submitted_card_forms_move_log_record_and_edit_the_partner(slack: Slack) -> None:
    slack.command("add Acme type=agency", response="add")
    slack.reply("add")
    message = card(slack, "Acme")
    advance = {"stage": choice("onboarding"), "note": text_input("kick-off")}
    submit(slack, click(slack, message, "card_advance"), advance)
    submit(slack, click(slack, message, "card_log"), {"kind": choice("webinar"), "note": text_input("Intro webinar")})
    submit(slack, click(slack, message, "card_kpi"), {"leads": text_input("7"), "revenue": text_input("2k")})
    edit = click(slack, message, "card_edit")
    assert "Acme" in json.dumps(edit["blocks"]) and "agency" in json.dumps(edit["blocks"])
    submit(slack, edit, {"name": text_input("Acme Group"), "type": choice("reseller"), "source": choice("events")})
    assert "name: Acme → Acme Group" in visible_text(slack.reply("after-card_edit"))
    renamed = card(slack, '"Acme Group"', "renamed")
    refused = slack.interaction(view_submission(click(slack, renamed, "card_kpi"), {"leads": text_input("lots")}))
    assert json.loads(refused.body)["response_action"] == "errors"
    with Session(slack.engine) as session:
        partner = session.exec(select(Partner)).one()
        moves = session.exec(select(StageMove.to_stage).order_by(col(StageMove.id))).all()
        kinds = session.exec(select(Touchpoint.kind)).all()
        figures = {v.metric: int(v.value) for v in session.exec(select(KpiValue)).all()}
        fields = session.exec(select(PartnerEdit.field).order_by(col(PartnerEdit.id))).all()
    profile = (partner.name, partner.type, partner.source, partner.stage)
    assert profile == ("Acme Group", "reseller", "events", "onboarding")
    assert (moves, kinds, figures) == (["discovery", "onboarding"], ["webinar"], {"leads": 7, "revenue": 2000})
    assert fields == ["name", "type", "source"]
