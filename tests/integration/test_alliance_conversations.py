"""Alliances on both engines: a known portfolio, its matrix, recommendations, hand-overs and bonuses in KPIs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, insert
from sqlmodel import Session, select

from bot.views.blocks import build_reply_blocks
from bot.views.text import blocks_to_mrkdwn
from commands.alliances.advice import changed_advice
from commands.context import Invocation
from commands.replies import AllianceMatrix, AllianceView, KpiReport, Notice, PartnerCard, Reply, WeeklyDigest
from commands.verbs import handle
from storage.alliance_tables import Alliance, AllianceMember, Bonus, Handover
from storage.migrate import downgrade, upgrade
from storage.tables import Partner

MakeInvocation = Callable[..., Invocation]

PORTFOLIO = """
add Acme
add Globex
add Initech
add Hooli
add Zeta
kpi Acme leads=100 deals=4 revenue=40k cost=1k
kpi Globex leads=10 deals=5 revenue=60k
kpi Hooli leads=50 deals=2 revenue=5k
kpi Zeta leads=10 deals=3 revenue=30k
alliance new "Logistics chain" type=toast members="Acme, Globex, Initech"
alliance new "Cold calls" type="до оказания услуги" members=Hooli
bonus Acme 2k "Q3 referrals"
bonus Hooli 6k
feedback Acme csat=4
feedback Hooli csat=2
handover Acme → Globex client="Foo LLC" value=12k
handover Acme -> Globex client="Bar"
handover Acme to Globex client="Baz"
handover Acme → Globex client="Qux"
handover Globex → Initech client="Foo LLC" waited=3h
"""


def run(invocation: Invocation, script: str) -> list[Reply]:
    replies = []
    for line in filter(None, map(str.strip, script.splitlines())):
        reply = handle(line, invocation)
        assert not (isinstance(reply.body, Notice) and reply.body.tone == "error"), f"{line} → {reply.body}"
        replies.append(reply)
    return replies


def ask(invocation: Invocation, line: str) -> Reply:
    return handle(line, invocation)


@pytest.fixture
def portfolio(invocation_for: MakeInvocation) -> Invocation:
    invocation = invocation_for()
    run(invocation, PORTFOLIO)
    return invocation


def test_the_matrix_measures_each_type_from_the_portfolio_and_shows_no_data_as_none(portfolio: Invocation) -> None:
    body = ask(portfolio, "alliance matrix").body
    assert isinstance(body, AllianceMatrix)
    rows = {row.type_key: row for row in body.rows}
    assert list(rows) == ["before", "after", "moment", "chain", "hydra"]
    before, chain = rows["before"], rows["chain"]
    assert (before.alliances, before.members, before.conversion, before.revenue, before.bonuses) == (
        1, 1, Decimal("0.04"), Decimal(5000), Decimal(6000)
    )
    assert before.roi == Decimal(-1000) / Decimal(6000) and before.average_csat == Decimal(2)
    assert (chain.alliances, chain.members, chain.revenue, chain.bonuses) == (1, 3, Decimal(100000), Decimal(2000))
    assert chain.conversion == Decimal(9) / Decimal(110)
    assert chain.roi == Decimal(97000) / Decimal(3000) and chain.average_csat == Decimal(4)
    for empty in ("after", "moment", "hydra"):
        row = rows[empty]
        assert (row.alliances, row.members) == (0, 0)
        measured = (row.median_score, row.conversion, row.revenue, row.bonuses, row.roi, row.median_days_to_goal)
        assert measured == (None,) * 6 and row.average_csat is None
    assert before.median_score is None and before.median_days_to_goal is None  # no scores, no one at the goal


def test_show_gives_members_in_order_links_and_the_recommendations_with_their_numbers(portfolio: Invocation) -> None:
    chain = ask(portfolio, 'alliance show "logistics CHAIN"').body
    assert isinstance(chain, AllianceView) and chain.type_key == "chain"
    assert [(m.position, m.partner) for m in chain.members] == [(1, "Acme"), (2, "Globex"), (3, "Initech")]
    assert [(link.source, link.to, link.clients, link.bonuses, link.value) for link in chain.links] == [
        ("Acme", "Globex", 4, Decimal(2000), Decimal(12000)),
        ("Globex", "Initech", 1, None, None),
    ]
    assert chain.advice == (
        "dependence on every member: fix or replace the link where clients stall"
        " (clients stall at Globex → Initech: 1 of 4 passed on (25%))",
    )
    cold = ask(portfolio, 'alliance show "Cold calls"').body
    assert isinstance(cold, AllianceView) and cold.type_key == "before"
    assert cold.advice == (
        "low lead quality: agree qualification criteria before hand-over (conversion 4% vs team median 17%)",
        "weak retention: plan a welcome sequence for handed-over clients (CSAT 2.0 vs team 3.0)",
        "extra cost: pay bonuses on closed deals, not on leads (bonuses and cost 6 000 vs revenue 5 000)",
    )


def test_the_partner_card_lists_its_alliances_and_what_applies_now(portfolio: Invocation) -> None:
    card = ask(portfolio, "show Globex").body
    assert isinstance(card, PartnerCard) and card.alliances is not None
    assert card.alliances.alliances == ("Logistics chain (chain, link 2 of 3)",)
    assert card.alliances.advice[0].startswith("Logistics chain: dependence on every member")
    assert ask(portfolio, "show Zeta").body.alliances is None  # type: ignore[union-attr]
    labelled = ask(portfolio, "add Solo alliance=после").body  # the label stands for a one-member alliance
    assert isinstance(labelled, PartnerCard) and labelled.alliance == "After the service"
    assert labelled.alliances is not None and labelled.alliances.alliances == ("Solo (after)",)


def test_hand_overs_and_bonuses_feed_the_partner_kpis_and_roi(portfolio: Invocation) -> None:
    report = ask(portfolio, "kpi Acme").body
    assert isinstance(report, KpiReport)
    all_time = report.periods[-1]
    assert all_time.totals["handovers"] == 4 and all_time.totals["bonus"] == Decimal(2000)
    assert all_time.derived["roi"] == (Decimal(40000) - Decimal(3000)) / Decimal(3000)
    program = ask(portfolio, "kpis").body
    assert program.periods[-1].totals["bonus"] == Decimal(8000)  # type: ignore[union-attr]
    assert program.periods[-1].totals["handovers"] == 5  # type: ignore[union-attr]


def test_refused_flows_change_nothing(portfolio: Invocation, engine: Engine) -> None:
    def counts() -> tuple[int, int]:
        with Session(engine) as session:
            return (
                session.exec(select(func.count()).select_from(Handover)).one(),
                session.exec(select(func.count()).select_from(Bonus)).one(),
            )

    before = counts()
    run(portfolio, 'alliance new "Twin" type=hydra members="Acme, Globex"')
    for line, said in (
        ('handover Acme → Globex client="X"', "several alliances"),
        ('handover Acme → Nobody client="X"', "Nobody"),
        ("handover Acme → Globex", "client"),
        ('handover Acme → Globex client="X" value=5,000', "ambiguous"),
        ('handover Acme → Globex client="X" waited=soon', "duration"),
        ('handover us → us client="X"', "two different sides"),
        ("bonus Acme 0", "0"),
        ("bonus Nobody 1k", "Nobody"),
        ("bonus Acme 1k color=red", "color"),
    ):
        reply = ask(portfolio, line).body
        assert isinstance(reply, Notice) and reply.tone == "error" and said in reply.text, (line, reply)
    assert counts() == before
    run(portfolio, 'handover Acme → Globex client="X" alliance=Twin')
    assert counts() == (before[0] + 1, before[1])


def test_membership_changes_keep_the_chain_order(portfolio: Invocation) -> None:
    run(portfolio, 'alliance add "Logistics chain" Hooli Zeta\nalliance remove "Logistics chain" Globex')
    chain = ask(portfolio, 'alliance show "Logistics chain"').body
    assert [(m.position, m.partner) for m in chain.members] == [  # type: ignore[union-attr]
        (1, "Acme"), (2, "Initech"), (3, "Hooli"), (4, "Zeta"),
    ]
    refused = ask(portfolio, 'alliance remove "Logistics chain" Globex').body
    assert isinstance(refused, Notice) and "not in Logistics chain" in refused.text
    twice = ask(portfolio, 'alliance add "Logistics chain" Globex Acme').body  # Globex would be added, Acme is in
    assert isinstance(twice, Notice) and "Acme is already in Logistics chain" in twice.text
    unchanged = ask(portfolio, 'alliance show "Logistics chain"').body
    assert [m.partner for m in unchanged.members] == ["Acme", "Initech", "Hooli", "Zeta"]  # type: ignore[union-attr]
    duplicate = ask(portfolio, 'alliance new "logistics chain" type=hydra').body
    assert isinstance(duplicate, Notice) and "already exists" in duplicate.text


def test_the_digest_says_once_which_alliances_recommendations_changed(portfolio: Invocation) -> None:
    def digest_lines() -> tuple[str, ...]:
        with portfolio.unit_of_work() as uow:
            lines = changed_advice(uow.session, portfolio)
            uow.commit()
        return lines

    first = digest_lines()
    assert sorted(line.split(":")[0] for line in first) == ["Cold calls", "Logistics chain"]
    assert digest_lines() == ()
    run(portfolio, "\n".join(f'handover Globex → Initech client="C{n}"' for n in range(3)))
    assert digest_lines() == ("Logistics chain: no recommendations now — the signals cleared",)


def test_digest_now_shows_the_changed_alliances_without_using_up_the_change(portfolio: Invocation) -> None:
    for _ in range(2):  # `digest now` is not committed: the scheduled digest still reports the change
        digest = ask(portfolio, "digest now").body
        assert isinstance(digest, WeeklyDigest)
        assert sorted(line.split(":")[0] for line in digest.alliance_changes) == ["Cold calls", "Logistics chain"]
    text = blocks_to_mrkdwn([block.to_dict() for block in build_reply_blocks(digest)])
    assert "Alliances with new recommendations" in text and "Cold calls: low lead quality" in text


def test_migration_turns_alliance_labels_into_one_member_alliances(engine: Engine) -> None:
    downgrade(engine, "0005")
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    row = {"team_id": "T1", "stage_entered_at": now, "archived": False, "created_at": now, "created_by": "U1"}
    with engine.begin() as connection:
        connection.execute(
            insert(Partner.__table__),  # type: ignore[arg-type]
            [
                {**row, "name": "Ромашка", "name_key": "ромашка", "stage": "support", "alliance": "chain"},
                {**row, "name": "Acme", "name_key": "acme", "stage": "discovery", "alliance": None},
            ],
        )
    upgrade(engine)
    with Session(engine) as session:
        alliances = session.exec(select(Alliance)).all()
        members = session.exec(select(AllianceMember)).all()
    assert [(a.team_id, a.name, a.type) for a in alliances] == [("T1", "Ромашка (chain)", "chain")]
    assert [(m.alliance_id, m.position) for m in members] == [(alliances[0].id, 1)]
