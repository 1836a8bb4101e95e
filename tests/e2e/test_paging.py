"""Next › and ‹ Previous under `/partner list`, clicked over signed HTTP: the message is replaced by the other page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from domain.partner import Profile
from storage.registry import add_partner
from tests.e2e.conftest import Slack
from tests.e2e.messages import button_click, visible_text

ANNA = "U01ANNA"


def click(slack: Slack, message: dict[str, Any], action_id: str) -> dict[str, Any]:
    """A click on a button of an ephemeral reply: Slack sends the reply's response URL with it."""
    payload = button_click(message, action_id, user=ANNA, trigger_id="t1")
    return {**payload, "response_url": slack.fake.response_url("list")}


def registered(slack: Slack, count: int) -> None:
    with Session(slack.engine) as session:
        for number in range(count):
            add_partner(
                session=session,
                team_id="T1",
                name=f"Partner {number:02}",
                profile=Profile(),
                stage="discovery",
                now=datetime(2026, 1, 1, tzinfo=UTC).replace(day=1 + number % 28),
                user=ANNA,
            )
        session.commit()


def test_next_and_previous_replace_the_list_with_the_other_page(slack: Slack) -> None:
    registered(slack, 30)
    slack.command("list", response="list")
    first = slack.reply("list")
    assert "Page 1 of 2 (1–25 of 30)" in visible_text(first) and "Partner 00" in visible_text(first)
    assert slack.interaction(click(slack, first, "page_next")).status == 200
    second = slack.reply("list", count=2)
    assert second["replace_original"] is True
    assert "Page 2 of 2 (26–30 of 30)" in visible_text(second)
    assert "page_next" not in str(second["blocks"]) and "page_previous" in str(second["blocks"])
    assert slack.interaction(click(slack, second, "page_previous")).status == 200
    assert "Page 1 of 2" in visible_text(slack.reply("list", count=3))


def test_a_tampered_page_button_is_refused_and_the_list_stays(slack: Slack) -> None:
    registered(slack, 30)
    slack.command("list", response="list")
    tampered = click(slack, slack.reply("list"), "page_next")
    tampered["actions"][0]["value"] = '{"v": "archive", "a": "Partner 01", "p": 2}'
    assert slack.interaction(tampered).status == 200
    refusal = slack.reply("list", count=2)
    assert refusal["replace_original"] is False and "not valid" in visible_text(refusal)
