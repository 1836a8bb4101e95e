"""The audit trail through the real App over signed HTTP: each change a command or form makes is one row
(who, from where, before → after), a refused command writes none, and `history` / `audit` read it back."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from storage.audit_tables import AuditEntry
from tests.e2e.conftest import Slack
from tests.e2e.messages import button_click, visible_text
from tests.e2e.test_card_buttons import card, choice, click, submit, text_input
from tests.e2e.test_scoring_flow import answer_questionnaire

ANNA, BOB = "U01ANNA", "U02BOB"


def run(slack: Slack, text: str, *, user: str = ANNA) -> dict[str, Any]:
    response = f"r{len(slack.fake.calls)}"
    slack.command(text, user=user, response=response)
    return slack.reply(response)


def trail(slack: Slack) -> list[AuditEntry]:
    with Session(slack.engine) as session:
        return list(session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all())


def changes(entry: AuditEntry) -> tuple[dict[str, Any], dict[str, Any]]:
    return json.loads(entry.before or "{}"), json.loads(entry.after or "{}")


COMMANDS = [
    ("add Acme type=agency", "partner.created", ({}, {"name": "Acme", "stage": "discovery", "type": "agency"})),
    ('advance Acme onboarding "kick-off"', "partner.moved",
     ({"stage": "discovery"}, {"stage": "onboarding", "note": "kick-off"})),
    ("set Acme segment=retail", "partner.edited", ({"segment": None}, {"segment": "retail"})),
    ('rename Acme "Acme Group"', "partner.renamed", ({"name": "Acme"}, {"name": "Acme Group"})),
    ('feedback "Acme Group" csat=4 nps=9', "feedback.recorded", ({}, {"csat": 4, "nps": 9, "stage": "onboarding"})),
    ('kpi "Acme Group" leads=5 revenue=2k on=2026-11-20', "kpi.entered",
     ({}, {"leads": "5", "revenue": "2000", "on_date": "2026-11-20"})),
    ('kpi "Acme Group" undo', "kpi.undone", ({"leads": "5", "revenue": "2000", "on_date": "2026-11-20"}, {})),
    ('log "Acme Group" meeting "QBR"', "touchpoint.logged", None),
    ('stages checklist onboarding add "Training done"', "checklist.step_added", None),
    ('check "Acme Group" 1', "checklist.checked", None),
    ("stalled set onboarding 45", "threshold.set", ({}, {"stage": "onboarding", "days": 45})),
    ("stalled notify both", "settings.changed", ({}, {"stall_notify": "both"})),
    ('stages rename support "Growth"', "journey.redesigned", None),
    ("target leads=10 per=month", "target.set", ({}, {"metric": "leads", "amount": "10", "per": "month"})),
    ('alliance new "Chain A" chain', "alliance.created", ({}, {"name": "Chain A", "type": "chain"})),
    ('archive "Acme Group"', "partner.archived", ({"archived": False}, {"archived": True})),
    ('restore "Acme Group"', "partner.restored", ({"archived": True}, {"archived": False})),
]  # fmt: skip


def test_each_command_that_changes_something_writes_one_audit_row_with_who_and_before_after(slack: Slack) -> None:
    for text, kind, expected in COMMANDS:
        before = len(trail(slack))
        run(slack, text)
        written = trail(slack)[before:]
        assert [row.kind for row in written] == [kind], text
        assert (written[0].actor, written[0].surface, written[0].team_id) == (ANNA, "command", "T1"), text
        if expected is not None:
            assert changes(written[0]) == expected, text
    partner_rows = [row for row in trail(slack) if row.partner_id is not None]
    assert {row.partner_id for row in partner_rows} == {1}


def test_a_refused_command_writes_no_audit_row(slack: Slack) -> None:
    run(slack, "add Acme")
    run(slack, "add Globex")
    written = len(trail(slack))
    for text in ("advance Acme nowhere", 'rename Acme "Globex"', "kpi Acme leads=lots", "archive Nobody"):
        assert ":warning:" in visible_text(run(slack, text)), text
    assert len(trail(slack)) == written


def test_forms_are_recorded_as_forms_with_the_submitting_user(slack: Slack) -> None:
    run(slack, "add Acme")
    message = card(slack, "Acme")
    submit(slack, click(slack, message, "card_advance"), {"stage": choice("onboarding"), "note": text_input("go")})
    submit(slack, click(slack, message, "card_kpi"), {"leads": text_input("7")})
    submit(slack, click(slack, message, "card_edit"), {"name": text_input("Acme Group"), "type": choice("reseller")})
    slack.reply("after-card_edit")
    answer_questionnaire(slack, '"Acme Group"', "4")
    form_rows = [row for row in trail(slack) if row.surface == "form"]
    kinds = [row.kind for row in form_rows]
    assert kinds[:3] == ["partner.moved", "kpi.entered", "partner.renamed"]
    assert kinds[-1] == "score.answered" and all(row.actor == ANNA for row in form_rows)
    assert changes(form_rows[2])[1] == {"name": "Acme Group", "type": "reseller"}
    assert set(changes(form_rows[-1])[1]["answers"].values()) == {4}


def test_history_pages_newest_first_with_buttons_and_escapes_what_users_typed(slack: Slack) -> None:
    run(slack, 'add "<!channel> & Co"')
    for number in range(30):
        run(slack, f'set "<!channel> & Co" notes="note {number} <b>"')
    slack.command('history "<!channel> & Co"', response="history")
    first = slack.reply("history")
    text = visible_text(first)
    assert "Page 1 of 2 (1–25 of 31)" in text and "<!channel>" not in text
    assert "&lt;!channel&gt; &amp; Co" in text and "note 28 &lt;b&gt; → note 29 &lt;b&gt;" in text
    assert text.index("note 29") < text.index("note 20") and f"<@{ANNA}> edited the profile of" in text
    payload = {**button_click(first, "page_next", user=ANNA, trigger_id="t1"),
               "response_url": slack.fake.response_url("history")}  # fmt: skip
    assert slack.interaction(payload).status == 200
    second = visible_text(slack.reply("history", count=2))
    assert "Page 2 of 2 (26–31 of 31)" in second and "registered" in second and "note 0 &lt;b&gt;" in second


def test_audit_filters_by_person_and_day_and_tells_an_unknown_word(slack: Slack) -> None:
    run(slack, "add Acme")
    run(slack, "add Globex", user=BOB)
    with Session(slack.engine) as session:
        first = session.exec(select(AuditEntry).where(AuditEntry.actor == ANNA)).one()
        first.at = first.at.replace(year=2025)
        session.add(first)
        session.commit()
    everyone = visible_text(run(slack, "audit"))
    assert "Acme" in everyone and "Globex" in everyone
    bobs = visible_text(run(slack, f"audit <@{BOB}|bob>"))
    assert "Globex" in bobs and "Acme" not in bobs
    recent = visible_text(run(slack, "audit since=2026-01-01"))
    assert "Globex" in recent and "Acme" not in recent
    assert "'bob' is not understood" in visible_text(run(slack, "audit bob"))
    assert "No changes recorded that match." in visible_text(run(slack, "audit me since=2026-01-01"))
