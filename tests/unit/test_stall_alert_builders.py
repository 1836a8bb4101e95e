"""The stall alert's forms and its rewrite once acted on: pure data in, Block Kit out."""

from __future__ import annotations

import json
from datetime import date

from bot.views.blocks import build_reply_blocks
from bot.views.modals import build_modal
from bot.views.stalls import alert_from_metadata, read_alert_message
from bot.views.text import blocks_to_mrkdwn
from commands.replies import AlertMessage, Choice, StallAdvanceForm, StallAlertActedOn, StallSnoozeForm

HOSTILE = "<!channel> & *Acme*"
POSTED = ":hourglass: <@U01ANNA> *Acme* has been in *Onboarding* for 40 days (it stalls after 30); no activity."
ALERT = AlertMessage(7, "C0DIGEST", "1700000000.000100", POSTED)


def text_of(body: StallAlertActedOn) -> str:
    return blocks_to_mrkdwn([block.to_dict() for block in build_reply_blocks(body)])


def test_the_alert_forms_carry_the_alert_and_the_partner_back_to_their_submission() -> None:
    stages = (Choice("onboarding", "Onboarding"), Choice("support", "Support"))
    for form in (StallAdvanceForm(HOSTILE, stages, ALERT), StallSnoozeForm(HOSTILE, ALERT)):
        view = build_modal(form, user_id="U01ANNA", metadata={}).to_dict()
        metadata = json.loads(view["private_metadata"])
        assert alert_from_metadata(metadata) == ALERT and metadata["partner"] == HOSTILE
        assert "<!channel>" not in json.dumps(view["blocks"])


def test_a_clicked_button_reports_which_alert_where_and_its_text_as_posted() -> None:
    click = {
        "actions": [{"value": "7"}],
        "container": {"channel_id": "C0DIGEST", "message_ts": "1700000000.000100"},
        "message": {"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": POSTED}}]},
    }
    assert read_alert_message(click) == ALERT


def test_an_alert_acted_on_keeps_its_posted_text_and_says_what_was_done_escaped() -> None:
    moved = text_of(StallAlertActedOn(POSTED, "U01ANNA", moved_to="Support"))
    assert moved.startswith(POSTED) and "Moved to Support by <@U01ANNA>" in moved
    snoozed = text_of(StallAlertActedOn(POSTED, "U01ANNA", snoozed_until=date(2026, 11, 30), snooze_reason=HOSTILE))
    assert "Snoozed by <@U01ANNA> until 30 Nov" in snoozed and "<!channel>" not in snoozed
