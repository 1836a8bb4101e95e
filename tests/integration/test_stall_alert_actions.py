"""What people do from a posted single stall alert (posted before the daily summary replaced them), as
commands: each answer is a Reply, the message rewritten is the one stored with the alert (never the place the
request names), and a refusal is shown in the form rather than stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from commands.context import Invocation
from commands.replies import AlertMessage, FormRejected, PartnerCard, PostedMessage, StallAdvanceForm, StallAlertActedOn
from commands.stalls.alerts import advance_form, alert_card, submit_advance, submit_snooze
from storage.tables import StallAlert
from tests.conftest import NOW
from tests.integration.test_digest_and_stalls import due, enter_onboarding, rows

MakeInvocation = Callable[..., Invocation]
POSTED = "*Acme* has been in *Onboarding* for 31 days"


def posted_alert(invocation_for: MakeInvocation) -> AlertMessage:
    enter_onboarding(invocation_for, "Acme", NOW - timedelta(days=31))
    [(_, _, alert_id)] = due(invocation_for())
    assert alert_id is not None
    with Session(engine_of(invocation_for)) as session:
        stored = session.get(StallAlert, alert_id)
        assert stored is not None
        stored.channel, stored.message_ts = "C0DIGEST", "1700000000.000100"
        session.add(stored)
        session.commit()
    return AlertMessage(alert_id, "C0DIGEST", "1700000000.000100", POSTED)


def engine_of(invocation_for: MakeInvocation) -> Engine:
    with invocation_for().unit_of_work() as uow:
        return uow.session.get_bind().engine  # type: ignore[union-attr]


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


def test_the_alert_rewritten_is_the_one_stored_whatever_place_the_request_names(
    invocation_for: MakeInvocation,
) -> None:
    alert = posted_alert(invocation_for)
    elsewhere = AlertMessage(alert.alert_id, "C0OTHER", "1600000000.000001", POSTED)
    reply = submit_snooze(elsewhere, {"reason": None}, invocation_for())
    assert reply.replaces == PostedMessage("C0DIGEST", "1700000000.000100")


def test_an_alert_stored_without_its_place_is_acted_on_but_not_rewritten(invocation_for: MakeInvocation) -> None:
    enter_onboarding(invocation_for, "Acme", NOW - timedelta(days=31))
    [(_, _, alert_id)] = due(invocation_for())
    assert alert_id is not None
    reply = submit_snooze(AlertMessage(alert_id, "C0DIGEST", "1700000000.000100"), {"reason": None}, invocation_for())
    assert reply.body is None and reply.replaces is None
