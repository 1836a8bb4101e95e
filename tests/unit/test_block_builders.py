"""Block Kit builders: pure data in, blocks out, checked against Slack's limits by slack_sdk's models."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bot.views.blocks import MAX_BLOCKS, SECTION_LIMIT, build_reply_blocks
from bot.views.registry.form import build_registration_modal
from bot.views.text import blocks_to_mrkdwn, mrkdwn_to_terminal
from commands.registry.partners import registration_form
from commands.replies import MoveLine, Notice, PartnerCard, PartnerListing, PartnerRow, StageGroup, StageMoved

HOSTILE = "<!channel> & <@U0BOSS> *Acme*"


def card(**overrides: object) -> PartnerCard:
    values: dict[str, object] = dict(
        name=HOSTILE,
        stage="Onboarding",
        stage_key="onboarding",
        stage_since=date(2026, 10, 1),
        days_in_stage=53,
        stalled=True,
        owner="U02BOB",
        type="reseller",
        size=None,
        segment=HOSTILE,
        alliance="Chain",
        notes=HOSTILE,
        archived=False,
        moves=(MoveLine(datetime(2026, 10, 1, 9, tzinfo=UTC), "Discovery", "Onboarding", "U01ANNA", HOSTILE),),
    )
    return PartnerCard(**(values | overrides))  # type: ignore[arg-type]


def rendered(blocks: list) -> list[dict]:
    return [block.to_dict() for block in blocks]  # to_dict() validates lengths and required fields


def test_user_text_is_escaped_in_every_block_and_the_fallback() -> None:
    blocks = rendered(build_reply_blocks(card()))
    raw = json.dumps(blocks, ensure_ascii=False)
    assert "<!channel>" not in raw and "<@U0BOSS>" not in raw
    assert "&lt;!channel&gt; &amp; &lt;@U0BOSS&gt;" in raw
    assert "<!channel>" not in blocks_to_mrkdwn(blocks)


def test_owner_and_mover_ids_become_mentions_but_free_text_owners_do_not() -> None:
    text = blocks_to_mrkdwn(rendered(build_reply_blocks(card())))
    assert "<@U02BOB>" in text and "<@U01ANNA>" in text
    spreadsheet_owner = blocks_to_mrkdwn(rendered(build_reply_blocks(card(owner="Anna <anna@x.pl>"))))
    assert "Anna &lt;anna@x.pl&gt;" in spreadsheet_owner


def test_card_says_stalled_and_days_since_the_local_date() -> None:
    text = blocks_to_mrkdwn(rendered(build_reply_blocks(card())))
    assert "53 days (since 1 Oct 2026)" in text and "stalled" in text


def test_console_rendering_reads_like_slack_without_markup() -> None:
    text = mrkdwn_to_terminal(blocks_to_mrkdwn(rendered(build_reply_blocks(card()))))
    assert "<!channel> & <@U0BOSS> Acme" in text  # as Slack shows it: entities decoded, *bold* applied
    assert "@U02BOB" in text and "&amp;" not in text


def test_listing_of_hundreds_of_long_names_stays_within_block_and_section_limits() -> None:
    groups = tuple(
        StageGroup(
            stage,
            stage.lower(),
            400,
            tuple(PartnerRow("Ж" * 80 + str(i), i, i > 30, "U02BOB", "agency") for i in range(100)),
        )
        for stage in ("Discovery", "Attraction", "Onboarding", "Support", "End goal")
    )
    blocks = rendered(build_reply_blocks(PartnerListing(groups, total=2000, shown=500)))
    assert len(blocks) <= MAX_BLOCKS
    assert all(len(block.get("text", {}).get("text", "")) <= SECTION_LIMIT for block in blocks)
    assert "Showing 500 of 2000" in blocks_to_mrkdwn(blocks)


def test_backwards_move_is_stated_plainly() -> None:
    moved = StageMoved("Acme", "Support", "Discovery", 3, backwards=True, note=None, by="U01ANNA")
    text = blocks_to_mrkdwn(rendered(build_reply_blocks(moved)))
    assert "moved *back* Support → Discovery" in text and "step backwards" in text


def test_error_notice_is_escaped_and_marked() -> None:
    text = blocks_to_mrkdwn(rendered(build_reply_blocks(Notice("No partner named '<!here>'", tone="error"))))
    assert text.startswith(":warning:") and "&lt;!here&gt;" in text


def test_registration_modal_fits_slack_and_carries_the_response_url() -> None:
    view = build_registration_modal(registration_form(), user_id="U01ANNA", metadata={"response_url": "https://x"})
    payload = view.to_dict()
    assert payload["callback_id"] == "partner_registration" and len(payload["blocks"]) == 8
    assert json.loads(payload["private_metadata"]) == {"response_url": "https://x"}
    name = payload["blocks"][0]
    assert not name.get("optional", False) and name["element"]["max_length"] == 80
