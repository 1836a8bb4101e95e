"""The partner registry as conversations: `/partner …` lines and what the bot answers, on both engines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine, text

from commands.context import Invocation
from commands.replies import (
    HelpSheet,
    JourneyOverview,
    Notice,
    PartnerCard,
    PartnerListing,
    RegistrationForm,
    Reply,
    StageMoved,
)
from commands.verbs import VERBS, handle
from domain.journey import DEFAULT_JOURNEY
from domain.paging import PAGE_SIZE
from domain.partner import Profile
from storage.partners import add_partner
from tests.conftest import NOW

Script = list[tuple[str, str | type]]
MakeInvocation = Callable[..., Invocation]


def said(reply: Reply) -> str:
    """A reply as one line of plain text, so a conversation can be checked with `in`."""
    body = reply.body
    if isinstance(body, Notice):
        return f"{body.tone}: {body.text}"
    if isinstance(body, StageMoved):
        moved = f"{body.partner}: {body.from_stage} → {body.to_stage} ({body.days_in_previous} days)"
        return moved + (" backwards" if body.backwards else "") + (f" note: {body.note}" if body.note else "")
    if isinstance(body, PartnerCard):
        profile = {
            "type": body.type,
            "size": body.size,
            "segment": body.segment,
            "owner": body.owner,
            "alliance": body.alliance,
            "notes": body.notes,
        }
        moves = "; ".join(
            f"{m.from_stage or '∅'} → {m.to_stage} by {m.by}" + (f" ({m.note})" if m.note else "") for m in body.moves
        )
        return (
            f"{body.headline or ''}|{body.name}: {body.stage}, {body.days_in_stage} days"
            + (" stalled" if body.stalled else "")
            + (" archived" if body.archived else "")
            + "".join(f", {key}={value}" for key, value in profile.items() if value)
            + f" | moves: {moves}"
        )
    if isinstance(body, PartnerListing):
        groups = "; ".join(
            f"{g.stage} ({g.total}): " + ", ".join(f"{r.name} {r.days_in_stage}d" for r in g.rows) for g in body.groups
        )
        return f"{groups} [{body.shown} of {body.total}]"
    if isinstance(body, JourneyOverview):
        return ", ".join(f"{line.name} {line.partners}" for line in body.stages) + f", archived {body.archived}"
    if isinstance(body, HelpSheet):
        return " | ".join(verb.usage for verb in body.verbs) + (f" || {body.focus.usage}" if body.focus else "")
    return "[registration form]" if isinstance(reply.modal, RegistrationForm) else repr(reply)


def converse(invocation: Invocation, script: Script) -> None:
    for line, expected in script:
        reply = handle(line, invocation)
        if isinstance(expected, str):
            assert expected in said(reply), f"/partner {line} → {said(reply)}"
        else:
            assert isinstance(reply.body, expected), f"/partner {line} → {said(reply)}"


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
            ("", "/partner advance NAME"),
            ("help advance", "|| /partner advance NAME"),
            ("помощь", HelpSheet),
            ("advnce Acme", "error: Unknown command 'advnce' — did you mean advance? Commands: help, add, advance"),
            ("help advnce", "error: Unknown command 'advnce' — did you mean advance?"),
        ],
    )


def test_add_registers_partners_with_fields_and_refuses_duplicates_in_any_case_or_script(
    invocation_for: MakeInvocation,
) -> None:
    converse(
        invocation_for(),
        [
            ("add Acme", "Added Acme|Acme: Discovery, 0 days | moves: ∅ → Discovery by U1"),
            (
                'add "Globex Corporation" type=tech size=XL specialization=fintech owner=<@U7|ann> alliance=toast'
                ' notes="met at SaaStr"',
                "Globex Corporation: Discovery, 0 days, type=technology, size=enterprise,"
                " segment=fintech, owner=U7, alliance=Chain, notes=met at SaaStr",
            ),
            ("add ACME", "error: A partner named 'Acme' already exists"),
            ("add “globex  corporation”", "error: A partner named 'Globex Corporation' already exists"),
            ("add Ромашка", "Added Ромашка"),
            ("add РОМАШКА", "error: A partner named 'Ромашка' already exists"),
            ("add Żabka", "Added Żabka"),
            ("add ŻABKA", "error: A partner named 'Żabka' already exists"),
            ("add Z\u0307abka", "error: A partner named 'Żabka' already exists"),  # NFD from a Mac keyboard
            ("add " + "x" * 81, "error: That name is 81 characters long; names are limited to 80"),
            ("add Initech type=resellr", "error: Unknown partner type 'resellr' — did you mean reseller"),
            ("add Initech colour=red", "error: Unknown field 'colour'"),
            ("add Initech type=agency TYPE=oem", "error: 'type=' is given twice"),
            ("add type=agency", "error: A partner needs a name before its fields"),
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
            ("advance Acme", "Acme: Discovery → Attraction (3 days)"),
            (
                'advance acme Onboarding "kick-off call done"',
                "Attraction → Onboarding (0 days) note: kick-off call done",
            ),
            ("advance ACME поддержка", "Acme: Onboarding → Support (0 days)"),
            ("advance Acme wsparcie", "error: Acme is already in Support; nothing changed."),
            ("advance Acme end-goal", "Acme: Support → End goal (0 days)"),
            ("advance Acme", "error: Acme is already at the last stage (End goal)"),
            ("advance Acme engagement", "Acme: End goal → Attraction (0 days) backwards"),
            ('advance Acme "demo booked"', "Acme: Attraction → Onboarding (0 days) note: demo booked"),
            ('advance Acme "End goal"', "Acme: Onboarding → End goal (0 days)"),
            ("advance Acme suport", "error: Unknown stage 'suport' — did you mean support?"),
            ("advance Acmee support", "error: No partner named 'Acmee' — did you mean Acme?"),
            ("advance Acme support " + "n" * 1001, "error: Notes: 1001 characters is too long; the limit is 1000"),
            ("archive Globex", "success: Archived Globex"),
            ("advance Globex support", "error: Globex is archived"),
        ],
    )
    assert "moves: Onboarding → End goal by U1; Attraction → Onboarding by U1 (demo booked);" in said(
        handle("show Acme", later)
    )
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
                "Acme: Onboarding, 31 days stalled, owner=U7 | moves: Attraction → Onboarding by U3;"
                " Discovery → Attraction by U2; ∅ → Discovery by U1",
            ),
            ("show Acm", "error: No partner named 'Acm' — did you mean Acme?"),
            ("show", "error: Which partner?"),
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
            ("list", "Discovery (3): Old 40d, Mid 20d, New 2d; Support (1): Live 1d [4 of 4]"),
            ("list wsparcie", "Support (1): Live 1d [1 of 1]"),
            ("list goal", "[0 of 0]"),
            ("list suport", "error: Unknown stage 'suport'"),
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
    assert "Discovery 120, Attraction 120, Onboarding 120, Support 120, End goal 120, archived 0" in said(
        handle("stages", invocation)
    )


def test_stages_count_active_partners_and_archive_restore_round_trip(invocation_for: MakeInvocation) -> None:
    converse(
        invocation_for(),
        [
            ("add Acme", PartnerCard),
            ("add Globex", PartnerCard),
            ("advance Globex onboarding", StageMoved),
            ("stages", "Discovery 1, Attraction 0, Onboarding 1, Support 0, End goal 0, archived 0"),
            ("archive acme", "success: Archived Acme: hidden from lists and scheduled jobs, history kept."),
            ("archive Acme", "error: Acme is already archived; nothing changed."),
            ("stages", "Discovery 0, Attraction 0, Onboarding 1, Support 0, End goal 0, archived 1"),
            ("list", "Onboarding (1): Globex 0d [1 of 1]"),
            ("show Acme", "Acme: Discovery, 0 days archived"),
            ("restore Acme", "success: Restored Acme"),
            ("restore Acme", "error: Acme is already active; nothing changed."),
            ("list", "Discovery (1): Acme 0d; Onboarding (1): Globex 0d [2 of 2]"),
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
            ("show Acme", "error: No partner named 'Acme'"),
            ("advance acme", "error: No partner named 'acme'"),
            ("list", "[0 of 0]"),
            ("add ACME", "Added ACME|ACME: Discovery, 0 days | moves: ∅ → Discovery by U9"),
            ("stages", "Discovery 1, Attraction 0, Onboarding 0, Support 0"),
        ],
    )
    converse(first, [("show acme", "Acme: Support, 0 days, type=agency"), ("list", "Support (1): Acme 0d [1 of 1]")])
