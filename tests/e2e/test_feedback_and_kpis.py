"""`/partner feedback`, `/partner kpi` and `/partner kpis` end to end: commands, the feedback modal, the card."""

from __future__ import annotations

import json
import re
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from storage.tables import Feedback, KpiValue
from tests.e2e.conftest import Slack
from tests.e2e.messages import everything_posted, view_submission, visible_text

ZONE = ZoneInfo("Europe/Warsaw")  # the fixture's PARTNERBOT_TIMEZONE
FULL_ENTRY = "leads=10 mql=6 sql=4 deals=2 revenue=5k cost=800"


def this_month() -> str:
    return datetime.now(ZONE).strftime("%B %Y")


def last_month() -> str:
    first = datetime.now(ZONE).date().replace(day=1)
    return first.replace(year=first.year - (first.month == 1), month=(first.month - 2) % 12 + 1).strftime("%B %Y")


def add_partner(slack: Slack, name: str = "Acme") -> None:
    slack.command(f"add {name}", response=f"add-{name}")
    slack.reply(f"add-{name}")


def run(slack: Slack, text: str, *, user: str = "U01ANNA") -> dict[str, Any]:
    """The reply to one `/partner` line, each line answered at its own response URL."""
    response = f"r{len(slack.fake.calls)}"
    slack.command(text, user=user, response=response)
    return slack.reply(response)


def stored_feedback(slack: Slack) -> list[Feedback]:
    with Session(slack.engine) as session:
        return list(session.exec(select(Feedback)).all())


def stored_kpis(slack: Slack) -> dict[str, Decimal]:
    with Session(slack.engine) as session:
        return {row.metric: row.value for row in session.exec(select(KpiValue).order_by(KpiValue.id)).all()}


def open_feedback_form(slack: Slack, name: str = "Acme") -> dict[str, Any]:
    slack.command(f"feedback {name}", response="form")
    call = slack.fake.wait_for("/api/views.open")[0]
    assert call.body["trigger_id"] == "trigger-form"
    return call.body["view"]


def answers(
    *,
    csat: str | None = None,
    nps: str | None = None,
    pains: tuple[str, ...] = (),
    other: str | None = None,
    text: str | None = None,
) -> dict[str, dict[str, Any]]:
    """The feedback modal's state as Slack submits it: every block present, empty ones as null / []."""
    return {
        "csat": {"type": "static_select", "selected_option": {"value": csat} if csat else None},
        "nps": {"type": "static_select", "selected_option": {"value": nps} if nps else None},
        "pain_points": {"type": "multi_static_select", "selected_options": [{"value": p} for p in pains]},
        "other_pain": {"type": "plain_text_input", "value": other},
        "text": {"type": "plain_text_input", "value": text},
    }


def read_table(text: str) -> dict[str, dict[str, str]]:
    """Row label → column title → cell, reading each cell where its column title ends (right-aligned)."""
    lines = text.strip().removeprefix("```").removesuffix("```").strip("\n").splitlines()
    heading, rows = lines[0], lines[1:]
    ends = {title: heading.index(title) + len(title) for title in re.split(r"\s{2,}", heading.strip())}
    table: dict[str, dict[str, str]] = {}
    for row in rows:
        cells = {title: re.split(r"\s{2,}", row[:end])[-1] for title, end in ends.items()}
        assert all(row[end - 1] != " " for end in ends.values()), f"misaligned under {heading!r}: {row!r}"
        table[re.split(r"\s{2,}", row)[0]] = cells
    return table


def test_feedback_on_the_command_line_is_stored_and_posted_in_channel(slack: Slack) -> None:
    add_partner(slack)
    reply = run(slack, 'feedback Acme csat=4 nps=9 pain=tooling,payouts "Docs were hard to find"')
    assert reply["response_type"] == "in_channel"
    text = visible_text(reply)
    assert "Feedback from *Acme* (in Discovery)" in text
    assert "CSAT 4/5 · NPS 9 (promoter) · pain points: tooling, payouts" in text
    assert "> Docs were hard to find" in text and "1 answer so far · average CSAT 4.0" in text
    [row] = stored_feedback(slack)
    assert (row.csat, row.nps, row.pain_points, row.text) == (4, 9, "tooling,payouts", "Docs were hard to find")
    assert (row.stage, row.recorded_by) == ("discovery", "U01ANNA")
    assert "/api/views.open" not in slack.fake.paths()


def test_feedback_with_only_a_name_opens_the_feedback_modal_and_stores_nothing(slack: Slack) -> None:
    add_partner(slack)
    view = open_feedback_form(slack)
    assert view["type"] == "modal" and view["callback_id"] == "partner_feedback"
    elements = {block["block_id"]: block["element"] for block in view["blocks"]}
    assert {block: element["type"] for block, element in elements.items()} == {
        "csat": "static_select",
        "nps": "static_select",
        "pain_points": "multi_static_select",
        "other_pain": "plain_text_input",
        "text": "plain_text_input",
    }
    assert [o["value"] for o in elements["csat"]["options"]] == ["1", "2", "3", "4", "5"]
    assert [o["value"] for o in elements["nps"]["options"]] == [str(n) for n in range(11)]
    pains = [o["value"] for o in elements["pain_points"]["options"]]
    assert "tooling" in pains and pains[-1] == "other"
    metadata = json.loads(view["private_metadata"])
    assert (metadata["partner"], metadata["response_url"]) == ("Acme", slack.fake.response_url("form"))
    assert "/response/form" not in slack.fake.paths() and stored_feedback(slack) == []


def test_submitting_the_feedback_modal_stores_it_and_confirms_at_the_response_url(slack: Slack) -> None:
    add_partner(slack)
    view = open_feedback_form(slack)
    state = answers(csat="2", nps="6", pains=("payouts", "other"), other="Slow API", text="Payouts are late")
    answer = slack.interaction(view_submission(view, state))
    assert (answer.status, answer.body) == (200, "")
    confirmation = slack.reply("form")
    assert confirmation["response_type"] == "in_channel"
    assert "CSAT 2/5 · NPS 6 (detractor) · pain points: payouts, other" in visible_text(confirmation)
    [row] = stored_feedback(slack)
    assert (row.csat, row.nps, row.pain_points) == (2, 6, "payouts,other")
    assert (row.other_pain, row.text) == ("Slow API", "Payouts are late")


@pytest.mark.parametrize(
    ("state", "field", "words"),
    [
        (answers(pains=("tooling", "other")), "other_pain", "say what the pain point is"),
        (answers(), "text", "Give a score, a pain point or a comment"),
        (answers(csat="9", text="Forged in the browser"), "csat", "csat=9 is out of range; csat is 1–5"),
        (answers(nps="11"), "nps", "nps=11 is out of range; nps is 0–10"),
        (answers(pains=("bribery",)), "pain_points", "Unknown pain point 'bribery'"),
    ],
    ids=["other-without-saying-what", "nothing-filled-in", "forged-csat", "forged-nps", "forged-pain-point"],
)
def test_invalid_feedback_form_shows_an_inline_error_and_stores_nothing(
    slack: Slack, state: dict[str, dict[str, Any]], field: str, words: str
) -> None:
    add_partner(slack)
    answer = slack.interaction(view_submission(open_feedback_form(slack), state))
    assert answer.status == 200 and answer.json()["response_action"] == "errors"
    errors = answer.json()["errors"]
    assert set(errors) == {field} and words in errors[field]
    assert stored_feedback(slack) == []


def test_feedback_form_for_a_partner_archived_meanwhile_is_refused_inline(slack: Slack) -> None:
    add_partner(slack)
    view = open_feedback_form(slack)
    run(slack, "archive Acme")
    answer = slack.interaction(view_submission(view, answers(csat="5")))
    assert "archived" in answer.json()["errors"]["text"]
    assert stored_feedback(slack) == []


def test_feedback_for_an_unknown_partner_is_a_private_error_and_opens_no_modal(slack: Slack) -> None:
    add_partner(slack)
    reply = run(slack, "feedback Nobody")
    assert reply["response_type"] == "ephemeral"
    assert "No partner named 'Nobody'" in visible_text(reply)
    assert "/api/views.open" not in slack.fake.paths() and stored_feedback(slack) == []


def test_feedback_text_is_escaped_everywhere_so_it_can_never_ping_the_channel(slack: Slack) -> None:
    add_partner(slack)
    typed = run(slack, 'feedback Acme csat=3 "&lt;!channel&gt; docs are gone"')  # Slack escapes what was typed
    assert "&lt;!channel&gt; docs are gone" in visible_text(typed)
    view = open_feedback_form(slack)
    slack.interaction(view_submission(view, answers(text="<!channel> still gone")))  # modal input is raw
    assert "&lt;!channel&gt; still gone" in visible_text(slack.reply("form"))
    card = run(slack, "show Acme")
    assert "“&lt;!channel&gt; still gone”" in visible_text(card)
    assert [row.text for row in stored_feedback(slack)] == ["<!channel> docs are gone", "<!channel> still gone"]
    posted = everything_posted(slack.fake.calls)
    assert "<!channel>" not in posted and "&amp;lt;" not in posted


def test_kpi_figures_are_stored_as_one_entry_and_confirmed_in_channel(slack: Slack) -> None:
    add_partner(slack)
    reply = run(slack, f"kpi Acme {FULL_ENTRY}")
    assert reply["response_type"] == "in_channel"
    today = datetime.now(ZONE).date()
    assert (
        f"*Acme*, {today.day} {today:%b %Y}: Leads 10 · MQL 6 · SQL 4 · Deals 2 · Revenue 5 000 · Cost 800"
        in visible_text(reply)
    )
    with Session(slack.engine) as session:
        rows = session.exec(select(KpiValue)).all()
    assert {row.entry_id for row in rows} != set() and len({row.entry_id for row in rows}) == 1
    assert {row.on_date for row in rows} == {today}
    assert stored_kpis(slack) == {"leads": 10, "mql": 6, "sql": 4, "deals": 2, "revenue": 5000, "cost": 800}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("5k", Decimal(5000)), ("5 000", Decimal(5000)), ("5000,50", Decimal("5000.50")), ("1.2m", Decimal(1_200_000))],
)
def test_revenue_is_read_as_partner_managers_type_it(slack: Slack, typed: str, stored: Decimal) -> None:
    add_partner(slack)
    assert run(slack, f"kpi Acme revenue={typed}")["response_type"] == "in_channel"
    assert stored_kpis(slack) == {"revenue": stored}


def test_ambiguous_amount_is_a_private_error_naming_it_and_nothing_is_stored(slack: Slack) -> None:
    add_partner(slack)
    reply = run(slack, "kpi Acme leads=10 revenue=5,000")
    assert reply["response_type"] == "ephemeral"
    assert "revenue '5,000' is ambiguous" in visible_text(reply)
    assert stored_kpis(slack) == {}


def test_kpi_report_is_a_private_aligned_table_of_this_month_last_month_and_all_time(slack: Slack) -> None:
    add_partner(slack)
    run(slack, f"kpi Acme {FULL_ENTRY}")
    report = run(slack, "kpi Acme")
    assert report["response_type"] == "ephemeral"
    assert report["blocks"][0]["text"]["text"] == "Acme: KPIs"
    table_text = report["blocks"][1]["text"]["text"]
    assert table_text.startswith("```\n") and table_text.endswith("\n```")
    table = read_table(table_text)
    now, before = this_month(), last_month()
    assert table["Leads"] == {now: "10", before: "0", "All time": "10"}
    assert table["Revenue"] == {now: "5 000", before: "0", "All time": "5 000"}
    assert re.search(r"^Leads +10 ▲ ", table_text, re.MULTILINE)  # up on last month
    assert {label: row["All time"] for label, row in table.items() if label not in ("Leads", "Revenue")} == {
        "MQL": "6",
        "SQL": "4",
        "Deals": "2",
        "Cost": "800",
        "Lead → deal": "20.0%",
        "MQL → SQL": "66.7%",
        "Average deal": "2 500",
        "ROI": "+525%",
    }
    assert table["ROI"][before] == "—"


def test_kpi_undo_removes_only_your_own_last_entry(slack: Slack) -> None:
    add_partner(slack)
    run(slack, "kpi Acme leads=10")
    run(slack, "kpi Acme leads=5 deals=1")
    assert "You have no KPI entries for Acme to undo." in visible_text(run(slack, "kpi Acme undo", user="U02BOB"))
    undone = run(slack, "kpi Acme undo")
    assert undone["response_type"] == "in_channel"
    assert "Removed your entry for *Acme*" in visible_text(undone) and "Leads 5 · Deals 1" in visible_text(undone)
    assert stored_kpis(slack) == {"leads": 10}


def test_kpis_dashboard_shows_acquisition_activity_totals_and_top_partners_by_revenue(slack: Slack) -> None:
    add_partner(slack, "Acme")
    add_partner(slack, "Globex")
    run(slack, f"kpi Acme {FULL_ENTRY}")
    run(slack, "kpi Globex leads=3 revenue=12k")
    dashboard = run(slack, "kpis")
    assert dashboard["response_type"] == "ephemeral"
    text = visible_text(dashboard)
    assert "Partner program" in text and f"*Partners acquired:* 2 in {this_month()}" in text
    assert "in the last 30 days): 2 of 2" in text
    assert "1. *Globex* — 12 000\n2. *Acme* — 5 000" in text
    table = read_table(dashboard["blocks"][2]["text"]["text"])
    assert table["Revenue"]["All time"] == "17 000" and table["Leads"]["All time"] == "13"


def test_partner_card_shows_latest_feedback_and_this_months_kpis(slack: Slack) -> None:
    add_partner(slack)
    run(slack, 'feedback Acme csat=4 nps=9 pain=tooling,payouts "Docs were hard to find"')
    run(slack, f"kpi Acme {FULL_ENTRY}")
    text = visible_text(run(slack, "show Acme"))
    assert "by <@U01ANNA>): CSAT 4/5 · NPS 9 — “Docs were hard to find”" in text
    assert "1 answer · average CSAT 4.0 · NPS: promoter · top pain points: payouts (1), tooling (1)" in text
    assert (
        f"*{this_month()}:* Leads 10 · MQL 6 · SQL 4 · Deals 2 · Revenue 5 000 · Cost 800 · lead → deal 20.0%" in text
    )
