"""Scoring as conversations: questionnaire, asks by DM, reminders, ranking and the scorecard CLI, on both engines."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from commands import replies
from commands.context import Invocation
from commands.replies import FormRejected, Reply, ScoreForm
from commands.scoring.asks import due_reminders
from commands.scoring.questionnaire import submit_score_page
from commands.scoring.scorecards import load_scorecard_file
from commands.verbs import handle
from domain.scorecard import DEFAULT_SCORECARD
from domain.scoring import rater_score
from storage.delivery_tables import OutboxStep
from storage.unit_of_work import UnitOfWork
from tests.conftest import NOW
from tests.conversation import converse, said, says
from tests.integration.test_cli import partnerbot

MakeInvocation = Callable[..., Invocation]
STRATEGY = "Roadmap and strategy alignment"


def answered(value: int = 4, **overrides: int) -> dict[str, int]:
    """An answer to every default criterion, with a few set apart."""
    return {key: overrides.get(key, value) for key in DEFAULT_SCORECARD.keys}


def answers(value: int = 4, **overrides: int) -> str:
    """`key=N` for every default criterion, as typed after `score NAME`."""
    return " ".join(f"{key}={answer}" for key, answer in answered(value, **overrides).items())


def scores(reply: Reply) -> list[tuple[str, float]]:
    """The ranking's partners with their scores to one decimal (the console shows whole points)."""
    assert isinstance(reply.body, replies.Ranking), said(reply)
    return [(row.partner, round(row.score, 1)) for row in reply.body.rows]


def count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def scorecard_file(tmp_path: Path, criteria: int) -> Path:
    path = tmp_path / f"scorecard-{criteria}.yml"
    rows = "".join(f"  - {{key: c{n}, title: Criterion {n}, help: '1 · 5', weight: 1}}\n" for n in range(criteria))
    path.write_text("criteria:\n" + rows, encoding="utf-8")
    return path


def form_of(reply: Reply) -> ScoreForm:
    assert isinstance(reply.modal, ScoreForm), said(reply)
    return reply.modal


# --- the questionnaire -------------------------------------------------------------------------


def test_score_opens_one_page_of_15_questions_prefilled_with_the_raters_own_previous_answers(
    invocation_for: MakeInvocation,
) -> None:
    converse(invocation_for(), [("add Acme", "✔ Added Acme")])
    scored = handle(f"score acme {answers(3, market=5)}", invocation_for())
    assert says(said(scored), "Your answers give Acme 55/100.")
    assert isinstance(scored.body, replies.ScoreRecorded) and round(scored.body.rater_score, 1) == 55.4
    form = form_of(handle("score Acme", invocation_for()))
    assert (len(form.questions), form.page, form.pages, form.carried) == (15, 0, 1, ())
    assert [q.answer for q in form.questions[:2]] == [5, 3]
    assert all(q.answer is None for q in form_of(handle("score Acme", invocation_for(user_id="U2"))).questions)


def test_a_30_criterion_scorecard_asks_20_then_10_and_stores_one_submission_of_30_answers(
    engine: Engine, invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    invocation = invocation_for()
    handle("add Acme", invocation)
    assert load_scorecard_file(scorecard_file(tmp_path, 30), invocation)[0] == 1
    first = form_of(handle("score Acme", invocation))
    assert (len(first.questions), first.page, first.pages) == (20, 0, 2)
    second = form_of(submit_score_page(first, {q.key: "5" for q in first.questions}, invocation))
    assert (len(second.questions), second.page, second.questions[0].key) == (10, 1, "c20")
    assert dict(second.carried) == {f"c{n}": 5 for n in range(20)}
    assert count(engine, "score_submission") == 0  # nothing is stored before the last page
    done = submit_score_page(second, {q.key: "1" for q in second.questions} | {"comment": " solid "}, invocation)
    assert isinstance(done.body, replies.ScoreRecorded) and done.body.rater_score == pytest.approx(20 / 30 * 100)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT answers_json, comment, scorecard_version FROM score_submission"))
        [(answers_json, comment, version)] = stored.all()
    assert (len(json.loads(answers_json)), comment, version) == (30, "solid", 1)


def test_an_incomplete_page_is_rejected_naming_each_missing_or_invalid_criterion_and_stores_nothing(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    invocation = invocation_for()
    handle("add Acme", invocation)
    form = form_of(handle("score Acme", invocation))
    values: dict[str, str | None] = {q.key: "4" for q in form.questions} | {"culture": None, "finance": "7"}
    with pytest.raises(FormRejected) as rejected:
        submit_score_page(form, values, invocation)
    assert rejected.value.errors == {"culture": "Choose 1–5 for this criterion.", "finance": "'7' is not 1–5."}
    assert count(engine, "score_submission") == 0


def test_a_form_opened_before_the_scorecard_changed_is_refused(
    engine: Engine, invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    invocation = invocation_for()
    handle("add Acme", invocation)
    form = form_of(handle("score Acme", invocation))
    load_scorecard_file(scorecard_file(tmp_path, 3), invocation)
    with pytest.raises(FormRejected) as rejected:
        submit_score_page(form, {q.key: "4" for q in form.questions}, invocation)
    assert "scorecard changed while you answered" in rejected.value.errors["market"]
    assert count(engine, "score_submission") == 0


def test_inline_answers_need_every_criterion_and_a_known_active_partner(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(
        invocation_for(),
        [
            ("add Acme", "✔ Added Acme"),
            ("add Gone", "✔ Added Gone"),
            ("archive Gone", "✔ Archived Gone"),
            ("score Acme market=5 technology=4", "⚠ Answer every criterion with 1–5; missing or invalid: strategy, ex"),
            (f"score Acme {answers(4, culture=9)}", "⚠ Answer every criterion with 1–5; missing or invalid: culture."),
            (f"score Acme {answers()} colour=3", "⚠ Unknown criteria: colour. Criteria: market, technology"),
            (f"score Acmee {answers()}", "⚠ No partner named 'Acmee' — did you mean Acme?"),
            (f"score Gone {answers()}", "⚠ Gone is archived"),
        ],
    )
    assert count(engine, "score_submission") == 0
    converse(invocation_for(), [(f"score Acme {answers(4)}", "give Acme 75/100.\nScore: 75/100 · 1 rater ·")])
    assert count(engine, "score_submission") == 1


def test_the_card_combines_two_raters_with_trend_strongest_and_weakest(invocation_for: MakeInvocation) -> None:
    first, second = dict(market=5, compliance=1), dict(value=2, market=5, compliance=1, finance=4)
    converse(invocation_for(now=NOW - timedelta(days=2)), [("add Acme", ""), (f"score Acme {answers(**first)}", "")])
    second_rater = invocation_for(user_id="U2", now=NOW - timedelta(days=1))
    converse(second_rater, [(f"score Acme {answers(**second)}", "· 2 raters ·")])
    card = handle("show Acme", invocation_for()).body
    assert isinstance(card, replies.PartnerCard) and card.score is not None
    one, two = (rater_score(answered(**given), DEFAULT_SCORECARD) or 0 for given in (first, second))
    assert (card.score.score, card.score.raters, card.score.previous) == (pytest.approx((one + two) / 2), 2, one)
    assert card.score.strongest[0] == ("Total addressable market", 5)
    assert card.score.weakest[0] == ("Compliance and security standards", 1)


def test_why_lists_contributions_that_add_up_to_the_score_and_who_last_changed_each(
    invocation_for: MakeInvocation,
) -> None:
    converse(invocation_for(now=NOW - timedelta(days=3)), [("add Acme", "✔ Added"), (f"score Acme {answers(4)}", "")])
    converse(invocation_for(user_id="U2"), [(f"score Acme {answers(2, strategy=5)}", "· 2 raters ·")])
    converse(invocation_for(), [(f"score Acme {answers(4, strategy=1)}", "· 2 raters ·"), ("add Globex", "✔ Added")])
    converse(invocation_for(), [("score Globex why", "⚠ Globex has no score yet: `/partner score Globex` or ask")])
    explanation = handle("score Acme why", invocation_for()).body
    assert isinstance(explanation, replies.ScoreExplanation) and len(explanation.rows) == 15
    assert sum(row.points for row in explanation.rows) == pytest.approx(explanation.summary.score)
    assert next(row.change for row in explanation.rows if row.title == STRATEGY) == (4, 1, "U1")
    assert [rater for rater, _ in explanation.per_rater] == ["U1", "U2"]


# --- asking leads by DM, and reminding them ----------------------------------------------------


def test_ask_sends_one_dm_per_new_lead_and_never_asks_a_waiting_lead_twice(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    invocation = invocation_for(user_id="U9")
    handle("add Acme", invocation)
    reply = handle("ask Acme <@U1|anna> <@U2|bob>", invocation)
    assert reply.sends
    sent = [(lead, data["partner"], data["asked_by"], data["criteria"]) for lead, data in invitations(engine)]
    assert sent == [("U1", "Acme", "U9", 15), ("U2", "Acme", "U9", 15)]
    again = handle("ask acme <@U1|anna> <@U3|cy>", invocation)
    assert isinstance(again.body, replies.AskSent)
    assert (again.body.asked, again.body.already_waiting) == (("U3",), ("U1",))
    assert says(said(again), "📨 Asked U3 to score Acme") and [lead for lead, _ in invitations(engine)][2:] == ["U3"]
    assert count(engine, "score_request") == 3
    converse(invocation_for(user_id="U1"), [(f"score Acme {answers()}", "· 1 rater ·")])
    status = handle("ask Acme", invocation).body
    assert isinstance(status, replies.AskStatus)
    answered_by = {line.lead: line.answered_at is not None for line in status.requests}
    assert answered_by == {"U1": True, "U2": False, "U3": False}
    converse(invocation, [("archive Acme", "✔ Archived Acme"), ("ask Acme <@U4|dan>", "⚠ Acme is archived")])


def invitations(engine: Engine) -> list[tuple[str, dict[str, Any]]]:
    """The questionnaire DMs enqueued in the outbox, in order: (lead, the invitation's data)."""
    with Session(engine) as session:
        steps = session.exec(select(OutboxStep).where(OutboxStep.kind == "dm").order_by(col(OutboxStep.id))).all()
        return [(step.channel, json.loads(step.payload)["data"]) for step in steps]


def test_unanswered_requests_are_reminded_once_after_three_days_and_answered_ones_never(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(invocation_for(), [("add Acme", "✔ Added"), ("ask Acme <@U1|anna> <@U2|bob>", "📨 Asked U1, U2 to score")])
    converse(invocation_for(user_id="U2", now=NOW + timedelta(days=1)), [(f"score Acme {answers()}", "· 1 rater ·")])

    def remind(after: timedelta) -> list[tuple[str, str, bool]]:
        """The reminders marked and queued (outbox DM steps) by one run at NOW + after."""
        count = due_reminders(lambda: UnitOfWork(engine), now=NOW + after)
        with Session(engine) as session:
            query = select(OutboxStep).where(OutboxStep.created_at == NOW + after, OutboxStep.kind == "dm")
            queued = [(s.team_id, s.channel, json.loads(s.payload)["data"]["reminder"]) for s in session.exec(query)]
        assert len(queued) == count
        return queued

    assert remind(timedelta(days=3) - timedelta(seconds=1)) == []
    assert remind(timedelta(days=3)) == [("T1", "U1", True)]
    assert remind(timedelta(days=4)) == []
    status = handle("ask Acme", invocation_for()).body
    assert isinstance(status, replies.AskStatus)
    assert {line.lead: line.reminded_at is not None for line in status.requests} == {"U1": True, "U2": False}


# --- ranking -----------------------------------------------------------------------------------


def test_rank_orders_by_score_and_explains_a_partner_that_lost_two_places_in_a_week(
    invocation_for: MakeInvocation,
) -> None:
    week_one, week_two = invocation_for(now=NOW - timedelta(days=8)), invocation_for(now=NOW - timedelta(days=1))
    converse(
        week_one,
        [
            ("add Acme type=reseller", "✔ Added Acme"),
            ("add Globex", "✔ Added Globex"),
            ("add Initech", "✔ Added Initech"),
            ("add Hooli", "✔ Added Hooli"),  # never scored
            (f"score Acme {answers(4)}", "· 1 rater ·"),
            (f"score Globex {answers(4, culture=3)}", "· 1 rater ·"),
            (f"score Initech {answers(4, culture=2)}", "· 1 rater ·"),
            (
                "rank",
                "1. Acme 75 (1 rater) new\n2. Globex 74 (1 rater) new\n3. Initech 73 (1 rater) new\n"
                "▲▼ places since last week. 1 partner(s) have no score yet.",
            ),
        ],
    )
    assert scores(handle("rank", week_one)) == [("Acme", 75.0), ("Globex", 74.1), ("Initech", 73.2)]
    converse(week_two, [(f"score Acme {answers(4, strategy=1)}", "Your answers give Acme 70/100.")])
    overtaken = (
        "1. Globex 74 (1 rater) ▲1\n2. Initech 73 (1 rater) ▲1\n"
        f"3. Acme 70 (1 rater) ▼2 — ▼2: {STRATEGY.lower()} 4→1 (U1)\n"
        "▲▼ places since last week. 1 partner(s) have no score yet."
    )
    converse(
        invocation_for(),
        [
            ("rank", overtaken),
            ("advance Globex onboarding", "▶ Globex moved"),
            ("rank onboarding", ("Ranking: Onboarding\n", "\n1. Globex 74 (1 rater) =\n▲▼ places since last week.")),
            ("rank reseller", ("Ranking: reseller\n", "\n1. Acme 70 (1 rater) =\n▲▼ places since last week.")),
            ("rank foo", "⚠ 'foo' is neither a stage nor a partner type. Stages: discovery,"),
            ("archive Globex", "✔ Archived Globex"),
            # compared within today's portfolio
            ("rank", "1. Initech 73 (1 rater) ▲1\n2. Acme 70 (1 rater) ▼1\n▲▼ places since last week. 1 partner(s)"),
        ],
    )
    assert scores(handle("rank", invocation_for())) == [("Initech", 73.2), ("Acme", 69.6)]


# --- the scorecard command line ----------------------------------------------------------------


def test_cli_refuses_an_invalid_scorecard_listing_its_problems_and_stores_nothing(tmp_path: Path) -> None:
    database, bad = tmp_path / "bot.db", tmp_path / "bad.yml"
    text_of_three = scorecard_file(tmp_path, 3).read_text(encoding="utf-8")
    bad.write_text(text_of_three.replace("weight: 1}", "weight: 0}", 1).replace("c2,", "c0,"), encoding="utf-8")
    refused = partnerbot("scorecard", "load", str(bad), "--team", "T1", database=database)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "criterion 1.weight: Input should be greater than 0" in refused.stderr
    assert "criterion 3: duplicate key 'c0' (as criterion 1)" in refused.stderr
    shown = partnerbot("scorecard", "show", "--team", "T1", database=database)
    assert shown.returncode == 0 and shown.stdout.startswith("the default scorecard: 15 criteria")
    loaded = partnerbot("scorecard", "load", str(scorecard_file(tmp_path, 4)), "--team", "T1", database=database)
    assert loaded.returncode == 0 and "as version 1 for team T1" in loaded.stdout
    shown = partnerbot("scorecard", "show", "--team", "T1", database=database)
    assert shown.stdout.startswith("scorecard version 1: 4 criteria") and "25.0%  Criterion 3" in shown.stdout
