"""The form seal (what a form hands back is what the app put in it) and who may take over an inbox entry."""

from __future__ import annotations

import json
import os

from slack_bolt import BoltContext, BoltResponse
from slack_sdk.models.views import View

from bot.form_seal import SIGNATURE, FormSeal, refuse_forged_forms
from bot.inbox_recording import Owner, is_gone
from bot.settings import Settings

SEAL = FormSeal(b"a test key of enough length")


def sealed_view(metadata: dict[str, object], callback_id: str = "partner_score") -> View:
    view = View(type="modal", title="Score", callback_id=callback_id, private_metadata=json.dumps(metadata), blocks=[])
    return SEAL.seal(view, team_id="T1", user_id="U1")


def test_a_sealed_form_is_intact_only_with_the_same_contents_callback_and_key() -> None:
    view = sealed_view({"partner": "Ромашка", "carried": {"market": 4}})
    assert SEAL.is_intact("partner_score", view.private_metadata)
    changed = json.loads(view.private_metadata or "") | {"carried": {"market": 999}}
    assert not SEAL.is_intact("partner_score", json.dumps(changed))
    assert not SEAL.is_intact("partner_feedback", view.private_metadata)
    assert not FormSeal(b"another key entirely").is_intact("partner_score", view.private_metadata)
    unsigned = {key: value for key, value in json.loads(view.private_metadata or "").items() if key != SIGNATURE}
    assert not SEAL.is_intact("partner_score", json.dumps(unsigned))
    for garbage in (None, "", "[]", "{", "not json", 42):
        assert not SEAL.is_intact("partner_score", garbage)


def test_the_key_comes_from_the_setting_else_the_signing_secret_else_the_bot_token() -> None:
    by_secret = FormSeal.from_settings(Settings(SLACK_SIGNING_SECRET="s" * 32, _env_file=None))
    by_token = FormSeal.from_settings(Settings(SLACK_BOT_TOKEN="xoxb-1", _env_file=None))
    configured = Settings(SLACK_SIGNING_SECRET="s" * 32, PARTNERBOT_FORM_KEY="k" * 16, _env_file=None)
    chosen = FormSeal.from_settings(configured)
    assert len({by_secret.key, by_token.key, chosen.key}) == 3 and chosen.key == b"k" * 16
    assert by_secret.key != b"s" * 32  # derived, not the signing secret itself


def test_the_middleware_refuses_a_forged_submission_with_400_and_passes_a_sealed_one() -> None:
    middleware = refuse_forged_forms(SEAL)
    view = {"callback_id": "partner_score", "private_metadata": sealed_view({"partner": "Acme"}).private_metadata}
    passed = BoltResponse(status=200, body="")
    body = {"type": "view_submission", "view": view, "user": {"id": "U1"}}
    workspace = BoltContext(team_id="T1")
    assert middleware(body=body, context=workspace, next=lambda: passed) is passed
    forged = {**body, "view": {**view, "private_metadata": '{"partner": "Acme"}'}}
    refused = middleware(body=forged, context=workspace, next=lambda: passed)
    assert refused is not None and refused.status == 400
    assert middleware(body={"type": "block_actions"}, context=workspace, next=lambda: passed) is passed


def test_a_form_sealed_for_one_person_and_workspace_is_refused_for_anyone_else() -> None:
    middleware = refuse_forged_forms(SEAL)
    view = {"callback_id": "partner_score", "private_metadata": sealed_view({"partner": "Acme"}).private_metadata}
    passed = BoltResponse(status=200, body="")
    for team, user in (("T2", "U1"), ("T1", "U2"), ("T2", "U2")):
        body = {"type": "view_submission", "view": view, "user": {"id": user}}
        refused = middleware(body=body, context=BoltContext(team_id=team), next=lambda: passed)
        assert refused is not None and refused.status == 400, (team, user)
    assert json.loads(view["private_metadata"])["_team"] == "T1"


def test_only_an_earlier_process_on_this_host_counts_as_gone() -> None:
    me = Owner("host-a", os.getpid(), "now")
    assert is_gone(f"host-a:{os.getpid()}:before", me=me)  # same pid, another run: a restart
    assert not is_gone(str(me), me=me)
    assert not is_gone("host-b:1:x", me=me)  # another host: wait for its lease
    assert not is_gone("host-a:1:x", me=me)  # pid 1 is alive
    assert is_gone("host-a:4194999:x", me=me)  # no such process
    assert not is_gone("garbage", me=me)
