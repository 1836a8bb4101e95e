"""Whether the bot can post (with charts) in a channel, and what to tell the user when it cannot."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.language import N_, tr

MISSING_SCOPE = N_(
    ":wave: I may not look at that channel: reinstall the app (its manifest now asks for `groups:read`, "
    "which private channels need), then set the channel again."
)


def membership_hint(client: WebClient, channel: str) -> str | None:
    """None when the bot is a member of `channel`; otherwise a sentence saying how to invite it."""
    try:
        info = client.conversations_info(channel=channel)
    except SlackApiError as error:
        if error.response.get("error") in ("channel_not_found", "not_in_channel"):
            return tr(
                ":wave: I cannot see that channel yet: type `/invite @partnerbot` in <#{channel}> so I can post the "
                "digest and its charts there.",
                channel=channel,
            )
        if error.response.get("error") == "missing_scope":  # installed before groups:read was in the manifest
            return tr(MISSING_SCOPE)
        raise
    if info.get("channel", {}).get("is_member"):
        return None
    return tr(
        ":wave: I am not in that channel yet: type `/invite @partnerbot` in <#{channel}> so I can post the digest "
        "and its charts there.",
        channel=channel,
    )
