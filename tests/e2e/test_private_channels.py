"""A private channel for the digest: the membership check needs `groups:read`, which older installs lack."""

from __future__ import annotations

from tests.e2e.conftest import Slack


def test_a_private_digest_channel_on_an_install_without_groups_read_says_to_reinstall(slack: Slack) -> None:
    slack.fake.answer_when("conversations.info", {"channel": "G0PRIVATE"}, 200, {"ok": False, "error": "missing_scope"})
    slack.command("digest <#G0PRIVATE|deals> fri 16:30", response="set")
    confirmation, hint = slack.reply("set"), slack.reply("set", count=2)
    assert "Weekly digest set" in str(confirmation) and "Sorry" not in hint["text"]
    assert "reinstall the app" in hint["text"] and "groups:read" in hint["text"]
