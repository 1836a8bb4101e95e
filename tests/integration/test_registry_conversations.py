"""The partner registry as conversations: `/partner …` lines and what the bot answers, on both engines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine, text

from commands.context import Invocation
from commands.replies import (
    HelpSheet,
    Notice,
    PartnerCard,
    PartnerListing,
    RegistrationForm,
    StageMoved,
)
from commands.verbs import VERBS, handle
from domain.journey import DEFAULT_JOURNEY
from domain.paging import PAGE_SIZE
from domain.partner import Profile
from storage.registry import add_partner
from tests.conftest import NOW
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def journey_counts(*partners: int) -> tuple[str, ...]:
    """`/partner stages` as the console prints it: each stage in journey order with its active partners."""
    return tuple(
        f"{number}. {stage.name} (`{stage.key}`) — {count} partner{'' if count == 1 else 's'}\n"
        for number, (stage, count) in enumerate(zip(DEFAULT_JOURNEY.stages, partners, strict=True), start=1)
    )


def snapshot(engine: Engine) -> list[list[tuple[object, ...]]]:
    with engine.connect() as connection:
        return [
            [tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in ("partner", "stage_move")
        ]


def test_help_lists_every_verb_and_unknown_verbs_get_the_closest_suggested(invocation_for: MakeInvocation) -> None:
    sheet = handle("help", invocation_for()).body
    assert isinstance(sheet, HelpSheet) and len(sheet.verbs) == len(VERBS)
    converse(
        invocation_for(),
        [
            ("", "`/partner advance NAME [STAGE] [\"note\"]`"),
            ("help advance", ("`/partner advance NAME", "Examples:\n`/partner advance Acme support`")),
            ("помощь", HelpSheet),
            ("advnce Acme", "⚠ Unknown command 'advnce' — did you mean advance? Commands: help, add, advance"),
            ("help advnce", "⚠ Unknown command 'advnce' — did you mean advance?"),
        ],
    )


def test_add_registers_partners_with_fields_and_refuses_duplicates_in_any_case_or_script(
    invocation_for: MakeInvocation,
) -> None:
    converse(
        invocation_for(),
        [
            (
                "add Acme",
                ("✔ Added Acme\nAcme\n", "Stage: Discovery · 0 days", "Recent moves\n23 Nov 2026 10:00 · registered"),
            ),
            (
                'add "Globex Corporation" type=tech size=XL specialization=fintech owner=<@U7|ann> alliance=toast'
                ' notes="met at SaaStr"',
                (
                    "Globex Corporation\n",
                    "Stage: Discovery · 0 days",
                    "Owner: U7\nType: technology\nSize: enterprise\nSegment: fintech\nAlliance: Chain\n",
                    "Notes\nmet at SaaStr",
                ),
            ),
            ("add ACME", "⚠ A partner named 'Acme' already exists"),
            ("add “globex  corporation”", "⚠ A partner named 'Globex Corporation' already exists"),
            ("add Ромашка", "✔ Added Ромашка"),
            ("add РОМАШКА", "⚠ A partner named 'Ромашка' already exists"),
            ("add Żabka", "✔ Added Żabka"),
            ("add ŻABKA", "⚠ A partner named 'Żabka' already exists"),
            ("add Z\u0307abka", "⚠ A partner named 'Żabka' already exists"),  # NFD from a Mac keyboard
            ("add " + "x" * 81, "⚠ That name is 81 characters long; names are limited to 80"),
            ("add Initech type=resellr", "⚠ Unknown partner type 'resellr' — did you mean reseller"),
            ("add Initech colour=red", "⚠ Unknown field 'colour'"),
            ("add Initech type=agency TYPE=oem", "⚠ 'type=' is given twice"),
            ("add type=agency", "⚠ A partner needs a name before its fields"),
        ],
    )


def test_add_without_a_name_opens_the_registration_form(invocation_for: MakeInvocation) -> None:
    reply = handle("add", invocation_for())
    assert reply.body is None
    assert isinstance(reply.modal, RegistrationForm) and reply.modal.name == ""


def test_advance_moves_by_key_name_alias_or_to_the_next_stage_and_refuses_what_cannot_move(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    later = invocation_for(now=NOW + timedelta(days=3))
    converse(invocation_for(), [("add Acme", PartnerCard), ("add Globex", PartnerCard)])
    converse(
        later,
        [
            ("advance Acme", "▶ Acme moved Discovery → Attraction (after 3 days in Discovery)."),
            (
                'advance acme Onboarding "kick-off call done"',
                ("▶ Acme moved Attraction → Onboarding (after 0 days in Attraction).", "“kick-off call done”"),
            ),
            ("advance ACME поддержка", "▶ Acme moved Onboarding → Support (after 0 days in Onboarding)."),
            ("advance Acme wsparcie", "⚠ Acme is already in Support; nothing changed."),
            ("advance Acme end-goal", "▶ Acme moved Support → End goal (after 0 days in Support)."),
            ("advance Acme", "⚠ Acme is already at the last stage (End goal)"),
            ("advance Acme engagement", "◀ Acme moved back End goal → Attraction (after 0 days in End goal)."),
            ('advance Acme "demo booked"', ("▶ Acme moved Attraction → Onboarding (after 0 days", "“demo booked”")),
            ('advance Acme "End goal"', "▶ Acme moved Onboarding → End goal (after 0 days in Onboarding)."),
            ("advance Acme suport", "⚠ Unknown stage 'suport' — did you mean support?"),
            ("advance Acmee support", "⚠ No partner named 'Acmee' — did you mean Acme?"),
            ('advance Acme support "' + "n" * 1001 + '"', "⚠ Notes: 1001 characters is too long; the limit is 1000"),
            ("archive Globex", "✔ Archived Globex"),
            ("advance Globex support", "⚠ Globex is archived"),
        ],
    )
    moves = "26 Nov 2026 10:00 · Onboarding → End goal · by U1\n26 Nov 2026 10:00 · Attraction → Onboarding · by U1"
    converse(later, [("show Acme", moves + " · “demo booked”\n")])
    with engine.connect() as connection:
        notes = connection.execute(text("SELECT note FROM stage_move WHERE note IS NOT NULL ORDER BY id")).scalars()
        assert list(notes) == ["kick-off call done", "demo booked"]


def test_show_counts_days_at_the_time_asked_and_lists_moves_newest_first(invocation_for: MakeInvocation) -> None:
    converse(invocation_for(), [("add Acme owner=<@U7|ann>", PartnerCard)])
    converse(invocation_for(now=NOW + timedelta(days=2), user_id="U2"), [("advance Acme", StageMoved)])
    converse(invocation_for(now=NOW + timedelta(days=5), user_id="U3"), [("advance Acme onboarding", StageMoved)])
    converse(
        invocation_for(now=NOW + timedelta(days=36)),
        [
            (
                "show acme",
                (
                    "Stage: Onboarding · 31 days (since 28 Nov 2026) · ⌛ stalled\nOwner: U7\n",
                    "Recent moves\n28 Nov 2026 10:00 · Attraction → Onboarding · by U3\n"
                    "25 Nov 2026 10:00 · Discovery → Attraction · by U2\n"
                    "23 Nov 2026 10:00 · registered in Discovery · by U1",
                ),
            ),
            ("show Acm", "⚠ No partner named 'Acm' — did you mean Acme?"),
            ("show", "⚠ Which partner?"),
        ],
    )


def test_list_groups_in_journey_order_longest_waiting_first_and_hides_archived(
    invocation_for: MakeInvocation,
) -> None:
    for days_ago, line in [(40, "add Old"), (2, "add New"), (20, "add Mid"), (9, "add Gone"), (1, "add Live")]:
        converse(invocation_for(now=NOW - timedelta(days=days_ago)), [(line, PartnerCard)])
    converse(invocation_for(now=NOW - timedelta(days=1)), [("advance Live support", StageMoved)])
    converse(
        invocation_for(),
        [
            ("archive Gone", Notice),
            (
                "list",
                "Discovery · 3\n• Old — 40 days ⌛ stalled\n• Mid — 20 days ⌛ stalled\n• New — 2 days\n"
                "Support · 1\n• Live — 1 day\nShowing 4 of 4",
            ),
            ("list wsparcie", "Support · 1\n• Live — 1 day\nShowing 1 of 1"),
            ("list goal", "No end goal partners yet."),
            ("list suport", "⚠ Unknown stage 'suport'"),
            ("ls", PartnerListing),
        ],
    )


def test_a_600_partner_portfolio_lists_a_bounded_page_with_totals_kept(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    invocation = invocation_for()
    with invocation.unit_of_work() as uow:
        for number in range(600):
            stage = DEFAULT_JOURNEY.stages[number % 5].key
            add_partner(
                session=uow.session,
                team_id="T1",
                name=f"Partner {number:03}",
                profile=Profile(),
                stage=stage,
                now=NOW - timedelta(days=number // 5),
                user="U1",
            )
        uow.commit()
    listing = handle("list", invocation).body
    assert isinstance(listing, PartnerListing)
    assert [(group.stage_key, group.total) for group in listing.groups] == [("discovery", 120)]
    assert (listing.total, listing.shown) == (600, PAGE_SIZE)
    assert [row.days_in_stage for row in listing.groups[0].rows] == list(range(119, 119 - PAGE_SIZE, -1))
    assert listing.page is not None and (listing.page.number, listing.page.pages) == (1, 24)
    fifth = handle("list page 5", invocation).body
    assert isinstance(fifth, PartnerListing) and fifth.page is not None
    assert [(group.stage_key, len(group.rows)) for group in fifth.groups] == [("discovery", 20), ("attraction", 5)]
    assert (fifth.page.first_row, fifth.page.last_row) == (101, 125)
    assert [row.days_in_stage for row in fifth.groups[1].rows] == [119, 118, 117, 116, 115]
    one_stage = handle("list onboarding", invocation).body
    assert isinstance(one_stage, PartnerListing)
    assert (one_stage.total, one_stage.shown, one_stage.groups[0].total) == (120, PAGE_SIZE, 120)
    converse(invocation, [("stages", journey_counts(120, 120, 120, 120, 120))])


def test_stages_count_active_partners_and_archive_restore_round_trip(invocation_for: MakeInvocation) -> None:
    converse(
        invocation_for(),
        [
            ("add Acme", PartnerCard),
            ("add Globex", PartnerCard),
            ("advance Globex onboarding", StageMoved),
            ("stages", journey_counts(1, 0, 1, 0, 0)),
            ("archive acme", "✔ Archived Acme: hidden from lists and scheduled jobs, history kept."),
            ("archive Acme", "⚠ Acme is already archived; nothing changed."),
            ("stages", (*journey_counts(0, 0, 1, 0, 0), "1 archived partner(s) not counted.")),
            ("list", "Partners (1)\n============\nOnboarding · 1\n• Globex — 0 days\nShowing 1 of 1"),
            ("show Acme", "Stage: Discovery · 0 days (since 23 Nov 2026) · 🗄 archived"),
            ("restore Acme", "✔ Restored Acme"),
            ("restore Acme", "⚠ Acme is already active; nothing changed."),
            ("list", "Discovery · 1\n• Acme — 0 days\nOnboarding · 1\n• Globex — 0 days\nShowing 2 of 2"),
        ],
    )


FAILING_COMMANDS = [
    "add ACME",
    "add " + "ж" * 81,
    "add " + "ﬃ" * 80,
    "add Initech type=resellr",
    "add Initech note=a notes=b",
    "add Initech notes=a\x00b",
    "advance Acme suport",
    "advance Acmee support",
    "advance Acme",
    "advance Acme goal",
    "advance Acme support " + "n" * 1001,
    'advance Acme "a\x00b"',
    "advance Globex",
    "archive Globex",
    "restore Acme",
    "show Nobody",
    "list colour=red",
    "stages now",
    "frobnicate Acme",
    'add "Unclosed',
    "advance Acme end-goal extra=1",
]


def test_a_failed_command_changes_nothing(engine: Engine, invocation_for: MakeInvocation) -> None:
    converse(
        invocation_for(),
        [
            ("add Acme", PartnerCard),
            ("advance Acme goal", StageMoved),
            ("add Globex", PartnerCard),
            ("archive Globex", Notice),
        ],
    )
    later = invocation_for(now=NOW + timedelta(days=1))
    for line in FAILING_COMMANDS:
        before = snapshot(engine)
        reply = handle(line, later)
        assert isinstance(reply.body, Notice) and reply.body.tone == "error", line
        assert snapshot(engine) == before, line


def test_teams_never_see_each_others_partners(invocation_for: MakeInvocation) -> None:
    first, second = invocation_for(team_id="T1"), invocation_for(team_id="T2", user_id="U9")
    converse(first, [("add Acme type=agency", PartnerCard), ("advance Acme support", StageMoved)])
    converse(
        second,
        [
            ("show Acme", "⚠ No partner named 'Acme'"),
            ("advance acme", "⚠ No partner named 'acme'"),
            ("list", "No partners yet."),
            ("add ACME", ("✔ Added ACME\nACME\n", "Stage: Discovery · 0 days", "registered in Discovery · by U9")),
            ("stages", journey_counts(1, 0, 0, 0, 0)),
        ],
    )
    converse(
        first,
        [
            ("show acme", ("Stage: Support · 0 days", "Type: agency")),
            ("list", "Partners (1)\n============\nSupport · 1\n• Acme — 0 days · agency\nShowing 1 of 1"),
        ],
    )
