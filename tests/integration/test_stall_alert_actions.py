"""What people do from a posted stall alert, as commands: each answer is a Reply, and a refusal is shown
in the form rather than stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from commands.context import Invocation
from commands.replies import AlertMessage, FormRejected, PartnerCard, PostedMessage, StallAdvanceForm, StallAlertActedOn
from commands.stall_alerts import advance_form, alert_card, submit_advance, submit_snooze
from commands.stalls import record_alert_message
from tests.conftest import NOW
from tests.integration.test_digest_and_stalls import due, enter_onboarding, rows

MakeInvocation = Callable[..., Invocation]
POSTED = "*Acme* has been in *Onboarding* for 31 days"


def posted_alert(invocation_for: MakeInvocation, *, place_stored: bool = True) -> AlertMessage:
    """Acme's alert, as the job posted it; unless `place_stored` is False, its channel and ts were stored then."""
    enter_onboarding(invocation_for, "Acme", NOW - timedelta(days=31))
    [(_, _, alert_id)] = due(invocation_for())
    assert alert_id is not None
    if place_stored:
        record_alert_message(invocation_for().database, "T1", alert_id, "C0DIGEST", "1700000000.000100")
    return AlertMessage(alert_id, "C0DIGEST", "1700000000.000100", POSTED)


def test_the_alert_opens_the_partners_card_and_a_form_listing_the_workspaces_stages(
    invocation_for: MakeInvocation,
) -> None:
    alert = posted_alert(invocation_for)
    card = alert_card(invocation_for(), alert).body
    assert isinstance(card, PartnerCard) and (card.name, card.stage, card.stalled) == ("Acme", "Onboarding", True)
    form = advance_form(invocation_for(), alert).modal
    assert isinstance(form, StallAdvanceForm) and form.partner == "Acme" and form.alert == alert
    assert [stage.value for stage in form.stages] == ["discovery", "attraction", "onboarding", "support", "goal"]


def test_advancing_from_the_alert_rewrites_it_and_refusals_stay_in_the_form(
    invocation_for: MakeInvocation, engine: Engine
) -> None:
    alert = posted_alert(invocation_for)
    with pytest.raises(FormRejected) as missing:
        submit_advance(alert, "Acme", {"stage": None}, invocation_for())
    assert missing.value.errors == {"stage": "Choose a stage."}
    with pytest.raises(FormRejected) as same:
        submit_advance(alert, "Acme", {"stage": "onboarding"}, invocation_for())
    assert same.value.errors == {"stage": "Acme is already in Onboarding; nothing changed."}
    reply = submit_advance(alert, "Acme", {"stage": "support", "note": " done "}, invocation_for(user_id="U2"))
    assert reply.replaces == PostedMessage("C0DIGEST", "1700000000.000100")
    assert reply.body == StallAlertActedOn(POSTED, "U2", moved_to="Support")
    assert rows(engine, "SELECT to_stage, note FROM stage_move ORDER BY id")[-1] == ("support", "done")


def test_snoozing_from_the_alert_rewrites_it_and_an_alert_gone_is_refused_in_the_form(
    invocation_for: MakeInvocation,
) -> None:
    alert = posted_alert(invocation_for)
    reply = submit_snooze(alert, {"reason": "legal"}, invocation_for(user_id="U2"))
    assert reply.body == StallAlertActedOn(POSTED, "U2", snoozed_until=date(2026, 11, 30), snooze_reason="legal")
    with pytest.raises(FormRejected) as gone:
        submit_snooze(AlertMessage(alert.alert_id + 100), {"reason": None}, invocation_for())
    assert gone.value.errors == {"reason": "That alert no longer exists."}


def test_an_alert_message_without_its_place_is_acted_on_but_not_rewritten(invocation_for: MakeInvocation) -> None:
    alert = posted_alert(invocation_for, place_stored=False)
    reply = submit_snooze(AlertMessage(alert.alert_id), {"reason": None}, invocation_for())
    assert reply.body is None and reply.replaces is None
