"""The Slack Connect rule: where partner data may be shown, and who counts as another organisation's person."""

from __future__ import annotations

import pytest

from bot.channel_safety import ChannelSharing
from bot.command_privacy import foreign_refusal, private_note
from commands.settings.shared_channels import read_channels, show_channels
from commands.tokens import ParseError, tokenize
from domain.channel_safety import (
    Sharing,
    allowed_channels,
    is_channel,
    is_foreign,
    may_answer_in_channel,
    may_post,
)
from domain.language import speaking


def test_a_shared_channel_gets_posts_only_when_allowed_and_an_unknown_one_never() -> None:
    assert may_post(Sharing.INTERNAL, allowed=False)
    assert not may_post(Sharing.SHARED, allowed=False) and may_post(Sharing.SHARED, allowed=True)
    assert not may_post(Sharing.UNKNOWN, allowed=True)
    assert may_post(Sharing.UNSEEN, allowed=False), "Slack itself refuses a channel the bot cannot see"


def test_a_command_is_answered_to_the_channel_only_where_its_sharing_is_known_and_safe() -> None:
    assert may_answer_in_channel(Sharing.INTERNAL, allowed=False)
    assert may_answer_in_channel(Sharing.SHARED, allowed=True)
    for sharing in (Sharing.SHARED, Sharing.UNSEEN, Sharing.UNKNOWN):
        assert not may_answer_in_channel(sharing, allowed=False)


def test_a_person_is_foreign_when_slack_says_stranger_or_their_team_is_another() -> None:
    assert not is_foreign(workspace="T1", user_team="T1")
    assert not is_foreign(workspace="T1", user_team=None)
    assert is_foreign(workspace="T1", user_team="T2")
    assert is_foreign(workspace="T1", user_team="T1", is_stranger=True)


def test_only_channel_and_group_ids_are_channels() -> None:
    assert is_channel("C0SHARED") and is_channel("G0PRIVATE")
    assert not any(is_channel(other) for other in ("U01ANNA", "D1", "", None, "c0lower"))


def test_allow_shared_keeps_ids_and_names_and_none_clears_it() -> None:
    stored = read_channels(tokenize("<#C0ONE|acme-partners> <#C0TWO|globex> C0THREE")[0:3])
    assert allowed_channels(stored) == {"C0ONE": "acme-partners", "C0TWO": "globex", "C0THREE": "C0THREE"}
    assert show_channels(stored) == "#acme-partners, #globex, #C0THREE"
    assert read_channels(tokenize("none")) == "" and show_channels("") == "none" and show_channels(None) == "none"
    with pytest.raises(ParseError, match="'partners' is not a channel"):
        read_channels(tokenize("<#C0ONE|acme> partners"))


class FakeConversations:
    """Answers conversations_info like the Web API client, counting the calls."""

    base_url, token = "https://fake/api/", "xoxb-fake"

    def __init__(self, shared: bool) -> None:
        self.shared, self.asked = shared, 0

    def conversations_info(self, *, channel: str) -> dict[str, object]:
        self.asked += 1
        return {"ok": True, "channel": {"id": channel, "is_ext_shared": self.shared}}


def test_a_channels_sharing_is_kept_until_it_expires_then_asked_again() -> None:
    now = [0.0]
    sharing = ChannelSharing(cache_seconds=600, clock=lambda: now[0])
    client = FakeConversations(shared=False)
    assert sharing.of(client, "C1") is Sharing.INTERNAL  # type: ignore[arg-type]
    client.shared = True
    now[0] = 599
    assert sharing.of(client, "C1") is Sharing.INTERNAL and client.asked == 1  # type: ignore[arg-type]
    now[0] = 601
    assert sharing.of(client, "C1") is Sharing.SHARED and client.asked == 2  # type: ignore[arg-type]
    assert sharing.of(client, "U01ANNA") is Sharing.INTERNAL and client.asked == 2  # type: ignore[arg-type]


def test_the_notes_and_the_refusal_are_said_in_the_readers_language() -> None:
    with speaking("pl"):
        assert private_note(Sharing.SHARED).startswith(":lock: Widzisz to tylko ty")
    with speaking("ru"):
        assert "partnerbot отвечает только" in str(foreign_refusal().body)
        assert show_channels(None) == "нет"
